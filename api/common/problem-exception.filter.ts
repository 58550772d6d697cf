// The one exception filter: domain errors, validation errors, Nest HTTP errors,
// malformed JSON and Prisma constraint errors become RFC 9457 problem details
// (problem-document.ts) around the core `{ statusCode, error, message, details? }`.
// Never a stack trace in a response; unexpected errors are logged and answered
// with a generic 500. Every 401 carries WWW-Authenticate.
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemError } from './problem.js';
import { PROBLEM_CONTENT_TYPE, problemDocument, wwwAuthenticate } from './problem-document.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

export function toProblem(e: unknown): ProblemBody | undefined {
  if (e instanceof ProblemError) {
    return { statusCode: e.statusCode, error: e.error, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) };
  }
  // body-parser errors (malformed JSON, too large) carry status/type.
  const be = ((e as { cause?: unknown } | null)?.cause ?? e) as { status?: number; statusCode?: number; type?: string; message?: string } | null;
  if (be && typeof be === 'object' && typeof be.type === 'string' && /^entity\.|^charset|^encoding|^request\./.test(be.type) && (be.status ?? be.statusCode)) {
    const status = (be.status ?? be.statusCode) as number;
    const message =
      be.type === 'entity.parse.failed'
        ? `malformed JSON body: ${be.message ?? ''}`.trim()
        : be.type === 'entity.too.large'
          ? 'request body too large'
          : (be.message ?? 'bad request');
    return { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message };
  }
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const res = e.getResponse();
    let message = e.message;
    if (typeof res === 'object' && res && 'message' in res) {
      const m = (res as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    return { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message };
  }
  // Prisma known request errors (constraint violations). The constraint, table
  // and column names stay in the log (the filter logs them), never in the response.
  const pe = e as { code?: string; meta?: Record<string, unknown>; name?: string } | null;
  if (pe && typeof pe === 'object' && pe.name === 'PrismaClientKnownRequestError') {
    if (pe.code === 'P2002') return { statusCode: 409, error: 'Conflict', message: 'a record with the same unique key already exists' };
    if (pe.code === 'P2003') return { statusCode: 409, error: 'Conflict', message: 'a referenced record does not exist' };
    if (pe.code === 'P2025') return { statusCode: 404, error: 'Not Found', message: 'record not found' };
  }
  return undefined;
}

@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request | undefined>();
    let body = toProblem(exception);
    const name = (exception as { name?: unknown } | null)?.name;
    if (body && typeof name === 'string' && name.startsWith('PrismaClient')) {
      this.logger.warn(`${body.statusCode} from the database: ${exception instanceof Error ? exception.message : String(exception)}`);
    }
    if (!body) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      body = { statusCode: 500, error: 'Internal Server Error', message: 'internal error; the server log has the details' };
    }
    if (res.headersSent) return;
    if (body.statusCode === 401) res.setHeader('WWW-Authenticate', wwwAuthenticate(body.message));
    const instance = typeof req?.originalUrl === 'string' ? req.originalUrl.split('?')[0] : undefined;
    res.status(body.statusCode).type(PROBLEM_CONTENT_TYPE).json(problemDocument(body, instance));
  }
}
