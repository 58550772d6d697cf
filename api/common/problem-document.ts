// RFC 9457 problem details: what every error response carries. The service's
// older fields stay beside the standard ones (clients and the editor read
// `message` and `details`):
//   type, title, status, detail, instance   RFC 9457
//   errors                                  validation: [{ path, message }]
//   statusCode, error, message, details     as before
// `type` is a URN per kind of problem (no document outside the repository is
// named); the kinds are listed in api/README.md.
import { z } from 'zod';
import type { ProblemBody } from './problem-exception.filter.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  500: 'internal',
  503: 'unavailable',
};

/** The `type` URN of a status: `urn:proviso:problem:conflict`; unlisted statuses are `about:blank`. */
export function problemType(status: number): string {
  const kind = TYPE_BY_STATUS[status];
  return kind ? `urn:proviso:problem:${kind}` : 'about:blank';
}

export interface ProblemFieldError {
  readonly path: string;
  readonly message: string;
}

export interface ProblemDocument extends ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: readonly ProblemFieldError[];
}

/** The field list of a 400: details that name a path (validation problems carry `[{ path, message }]`). */
function fieldErrors(details: unknown): ProblemFieldError[] | undefined {
  if (!Array.isArray(details)) return undefined;
  const out: ProblemFieldError[] = [];
  for (const d of details) {
    if (d && typeof d === 'object' && typeof (d as { path?: unknown }).path === 'string' && typeof (d as { message?: unknown }).message === 'string') {
      out.push({ path: (d as { path: string }).path, message: (d as { message: string }).message });
    }
  }
  return out.length > 0 ? out : undefined;
}

/** The full document for a problem body; `instance` is the request path (no query: it may hold values). */
export function problemDocument(body: ProblemBody, instance?: string): ProblemDocument {
  const errors = body.statusCode === 400 ? fieldErrors(body.details) : undefined;
  return {
    type: problemType(body.statusCode),
    title: body.error,
    status: body.statusCode,
    detail: body.message,
    ...(instance ? { instance } : {}),
    ...(errors ? { errors } : {}),
    ...body,
  };
}

/** `WWW-Authenticate` of a 401 (RFC 6750 form: the key is sent as a bearer token). */
export function wwwAuthenticate(message: string): string {
  const invalid = /invalid|revoked|malformed/i.test(message);
  return `Bearer realm="proviso"${invalid ? ', error="invalid_token"' : ''}`;
}

/** The schema of every error response (components.schemas.Problem in the OpenAPI description). */
export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('urn:proviso:problem:<kind>'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('validation: the fields at fault'),
    statusCode: z.int(),
    error: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  });
