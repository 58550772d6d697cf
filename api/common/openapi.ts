// The OpenAPI description: built from the controllers (zod schemas of bodies,
// queries and responses through @nestjs/swagger's Standard Schema support),
// then finished here: the API-key security scheme as the guard reads it
// (`Authorization: Bearer <key>`, an opaque key, not a JWT), readable
// operationIds (the handler's name, or ApiOperation's operationId), problem
// details on every error, WWW-Authenticate on 401s, Location on 201/202.
// `npm run docs` writes it to docs/openapi.json; a test compares.
import { applyDecorators, type INestApplication } from '@nestjs/common';
import { ApiResponse, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from './problem-document.js';

export const SECURITY_SCHEME = 'apiKey';

const LOCATION_HEADER = { Location: { description: 'URL of the created resource', schema: { type: 'string' as const } } };

export interface ReturnsOptions {
  /** Default 200. */
  readonly status?: number;
  readonly description?: string;
  /** 201/202: the response names the new resource in `Location`. */
  readonly location?: boolean;
}

/** Metadata on a handler: its documented response schemas by status (response-check.ts reads them). */
export const RESPONSE_SCHEMAS = 'proviso:response-schemas';

function recordSchema(status: number, schema: z.ZodType): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const known = (Reflect.getMetadata(RESPONSE_SCHEMAS, handler) as Record<number, z.ZodType> | undefined) ?? {};
    Reflect.defineMetadata(RESPONSE_SCHEMAS, { ...known, [status]: schema }, handler);
  };
}

/** `@ApiReturns(schema)`: the success response of an operation, from a zod schema. */
export function ApiReturns(schema: z.ZodType, options: ReturnsOptions = {}): MethodDecorator {
  const status = options.status ?? 200;
  return applyDecorators(
    recordSchema(status, schema),
    ApiResponse({
      status,
      description: options.description ?? (status === 201 ? 'Created' : status === 202 ? 'Accepted' : 'OK'),
      standardSchema: schema,
      ...(options.location ? { headers: LOCATION_HEADER } : {}),
    }),
  );
}

/** A success response that is not JSON (CSV, JSON lines): the media types and their schema (text). */
export function ApiReturnsText(description: string, ...mediaTypes: string[]): MethodDecorator {
  return ApiResponse({
    status: 200,
    description,
    content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string' } }])),
  });
}

const DESCRIPTION =
  'Billing policies, the order book, simulations, billing runs and invoices. Every route but /api/health* needs an API key, ' +
  'sent as `Authorization: Bearer <key>` (an opaque key from POST /api/keys or PROVISO_ADMIN_KEY, not a JWT); ' +
  'roles admin > author > viewer. Errors are RFC 9457 problem details (`application/problem+json`: type, title, status, ' +
  'detail, errors for fields; plus statusCode, error, message, details). Lists take `limit` and `cursor` and answer ' +
  '`{ items, nextCursor }`.';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
};

/** The description of the running app (its routes as registered). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Proviso API')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .addSecurity(SECURITY_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'Proviso API key',
      description: 'An API key in the Authorization header: `Authorization: Bearer <key>`',
    })
    .addSecurityRequirements(SECURITY_SCHEME)
    .build();
  const doc = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
  return finishDocument(doc);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Problem responses, security as the guard applies it, Location on creations; keys in a stable order. */
export function finishDocument(doc: OpenAPIObject): OpenAPIObject {
  const schemas = (doc.components ??= {}).schemas ??= {};
  const problem = z.toJSONSchema(ProblemSchema, { target: 'openapi-3.0' }) as Record<string, unknown>;
  delete problem.$schema;
  schemas.Problem = problem;
  const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const item of Object.values(doc.paths)) {
    for (const m of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[m];
      if (!op) continue;
      // routes without a key say so with `security: []`; any other requirement is the API key
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (isPublic) op.security = [];
      else delete op.security;
      for (const [status, r] of Object.entries(op.responses)) {
        if ((status === '201' || status === '202') && !r.headers?.Location) r.headers = { ...r.headers, ...LOCATION_HEADER };
      }
      if (!isPublic) {
        op.responses['401'] = {
          description: 'Missing, malformed, invalid or revoked API key',
          headers: { 'WWW-Authenticate': { description: 'Bearer realm="proviso"', schema: { type: 'string' } } },
          content: problemContent,
        };
      }
      op.responses.default = { description: 'Problem details (RFC 9457)', content: problemContent };
    }
  }
  return sortKeys(doc) as OpenAPIObject;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
  );
}
