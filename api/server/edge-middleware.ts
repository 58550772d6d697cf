// Express middleware at the edge, before Nest routing: security headers, the
// API key checked before a body is read, and per-route body limits, so a
// keyless client cannot make the server buffer large bodies.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { authenticateHeader } from '../auth/api-key.guard.js';
import type { ApiKeysService } from '../auth/api-keys.service.js';
import { PROBLEM_CONTENT_TYPE, problemDocument, wwwAuthenticate } from '../common/problem-document.js';

/**
 * Lets the editor (Monaco, its web workers from blob: or same-origin URLs,
 * inline styles it injects) and Swagger UI run; nothing may frame the app.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every API route that takes a body needs a key (only GET /api/health and the
 * docs are public), so the key is checked here, before the body is read; a
 * refused request is answered at once and its connection closed.
 */
export function authenticateBeforeBody(keys: ApiKeysService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!BODY_METHODS.has(req.method) || !req.path.startsWith('/api/')) return next();
    authenticateHeader(keys, req.headers.authorization).then(
      (key) => {
        if (typeof key !== 'string') {
          (req as Request & { apiKey?: unknown }).apiKey = key;
          return next();
        }
        res.setHeader('Connection', 'close');
        res.setHeader('WWW-Authenticate', wwwAuthenticate(key));
        res
          .status(401)
          .type(PROBLEM_CONTENT_TYPE)
          .json(problemDocument({ statusCode: 401, error: 'Unauthorized', message: key }, req.originalUrl.split('?')[0]));
      },
      (e: unknown) => next(e),
    );
  };
}

export interface BodyLimits {
  /** Book uploads and simulations with an inline book (PROVISO_BODY_LIMIT, default 50mb). */
  readonly large: string;
  /** Every other route (PROVISO_SMALL_BODY_LIMIT, default 4mb: a 1,000,000-character policy source fits). */
  readonly small: string;
}

export function bodyLimitsFrom(env: Readonly<Record<string, string | undefined>>): BodyLimits {
  return { large: env.PROVISO_BODY_LIMIT || '50mb', small: env.PROVISO_SMALL_BODY_LIMIT || '4mb' };
}

/** Routes whose bodies may be large: `POST /api/book` (and its sub-routes), `POST /api/simulate`. */
export function isLargeBodyRoute(path: string): boolean {
  return path === '/api/book' || path.startsWith('/api/book/') || path === '/api/simulate';
}

/** JSON and text parsers with the large limit on large-body routes and the small one elsewhere. */
export function bodyParsers(limits: BodyLimits): RequestHandler[] {
  const jsonTypes = ['application/json', 'application/*+json'];
  const largeJson = express.json({ limit: limits.large, type: jsonTypes });
  const smallJson = express.json({ limit: limits.small, type: jsonTypes });
  const largeText = express.text({ limit: limits.large, type: ['text/plain'] });
  const smallText = express.text({ limit: limits.small, type: ['text/plain'] });
  return [
    (req, res, next) => (isLargeBodyRoute(req.path) ? largeJson : smallJson)(req, res, next),
    (req, res, next) => (isLargeBodyRoute(req.path) ? largeText : smallText)(req, res, next),
  ];
}
