// Builds the configured Nest application (prefix /api, problem JSON errors,
// security headers, the key checked before bodies are read, per-route body limits, OpenAPI at /api/docs, the editor at /) on an opened database.
// Used by `npm start`, `proviso serve` and the tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication, type LoggerService, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { AppModule } from '../app.module.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { buildOpenApiDocument } from '../common/openapi.js';
import { ProblemExceptionFilter } from '../common/problem-exception.filter.js';
import { ResponseSchemaCheck } from '../common/response-check.js';
import { StringHygienePipe } from '../common/string-hygiene.js';
import type { Database } from '../persistence/prisma-client.factory.js';
import { packageRoot } from '../policies/project-config.js';
import type { AppOptions } from './app-options.js';
import { authenticateBeforeBody, bodyLimitsFrom, bodyParsers, securityHeaders } from './edge-middleware.js';
import { requestIdMiddleware } from './request-logging.js';
import { staticCacheHeaders } from './static-cache.js';

export interface CreateAppOptions extends AppOptions {
  readonly logger?: LoggerService | false | ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[];
}

export async function createApp(db: Database, options: CreateAppOptions = {}): Promise<INestApplication> {
  const { logger, ...appOptions } = options;
  const app = await NestFactory.create<NestExpressApplication>(await AppModule.forRoot(db, appOptions), {
    logger: logger ?? ['warn', 'error'],
    bodyParser: false,
    abortOnError: false,
  });
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  app.use(requestIdMiddleware());
  app.use(securityHeaders());
  // API answers and editor assets compressed as the client's Accept-Encoding allows
  app.use(compression({ threshold: 1024 }));
  app.use(authenticateBeforeBody(app.get(ApiKeysService)));
  for (const parser of bodyParsers(bodyLimitsFrom(process.env))) app.use(parser);
  app.setGlobalPrefix('api', { exclude: [{ path: '/', method: RequestMethod.GET }] });
  app.useGlobalFilters(new ProblemExceptionFilter());
  app.useGlobalPipes(new StringHygienePipe());
  if (appOptions.onResponseMismatch) app.useGlobalInterceptors(new ResponseSchemaCheck(appOptions.onResponseMismatch));

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  const editorDir = appOptions.editorDir ?? defaultEditorDir();
  if (editorDir && existsSync(join(editorDir, 'index.html'))) {
    app.useStaticAssets(editorDir, { index: 'index.html', setHeaders: staticCacheHeaders });
  }
  await app.init();
  return app;
}

/** dist/editor (vite output) when it exists. */
function defaultEditorDir(): string | undefined {
  const candidates = [process.env.PROVISO_EDITOR_DIR, join(packageRoot(), 'dist', 'editor')];
  return candidates.find((c): c is string => Boolean(c && existsSync(join(c, 'index.html'))));
}
