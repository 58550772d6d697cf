// JSON logs with a request id on every line logged while a request is served:
// NestJS's own ConsoleLogger in JSON mode, plus the id from an
// AsyncLocalStorage the request middleware fills (X-Request-Id from the
// client when it is a plain token, else a new UUID; echoed in the response).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { LOG_LEVELS } from '../config/env.js';

const requestContext = new AsyncLocalStorage<{ readonly requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Express middleware: a request id per request, and one access line when it ends. */
export function requestIdMiddleware(): (req: Request, res: Response, next: NextFunction) => void {
  const logger = new Logger('HTTP');
  return (req, res, next) => {
    const given = req.header('x-request-id');
    const requestId = given && CLIENT_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    requestContext.run({ requestId }, () => {
      res.on('finish', () => {
        requestContext.run({ requestId }, () =>
          logger.log(`${req.method} ${req.originalUrl.split('?')[0]} ${res.statusCode}`, {
            method: req.method,
            path: req.originalUrl.split('?')[0],
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          }),
        );
      });
      next();
    });
  };
}

/** ConsoleLogger (json: true) whose every line carries the current request id. */
export class RequestAwareLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: Parameters<ConsoleLogger['getJsonLogObject']>[1]) {
    const o = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    return requestId ? { ...o, requestId } : o;
  }
}

/** Levels up to and including `level` (PROVISO_LOG_LEVEL; default log). */
export function levelsUpTo(level: (typeof LOG_LEVELS)[number] = 'log'): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}

export function createLogger(opts: { level?: (typeof LOG_LEVELS)[number]; format?: 'json' | 'text' }): ConsoleLogger {
  return new RequestAwareLogger({ json: opts.format !== 'text', logLevels: levelsUpTo(opts.level), flattenParams: true });
}
