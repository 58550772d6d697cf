// Checks each JSON answer against the schema its route documents (@ApiReturns),
// so the description cannot promise fields the service does not send. Off in
// production; tests turn it on (AppOptions.onResponseMismatch) and collect what
// does not match. The answer itself is sent unchanged.
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { z } from 'zod';
import { RESPONSE_SCHEMAS } from './openapi.js';

export interface ResponseMismatch {
  /** `GET /api/invoices 200` */
  readonly route: string;
  readonly issues: readonly { path: string; message: string }[];
}

@Injectable()
export class ResponseSchemaCheck implements NestInterceptor {
  constructor(private readonly report: (m: ResponseMismatch) => void) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const schemas = Reflect.getMetadata(RESPONSE_SCHEMAS, ctx.getHandler()) as Record<number, z.ZodType> | undefined;
    if (!schemas) return next.handle();
    const http = ctx.switchToHttp();
    return next.handle().pipe(
      map((body: unknown) => {
        const res = http.getResponse<Response>();
        const schema = schemas[res.statusCode];
        if (body === undefined || !schema) return body;
        // the JSON the client gets (dates as strings, undefined fields dropped)
        const r = schema.safeParse(JSON.parse(JSON.stringify(body)));
        if (!r.success) {
          const req = http.getRequest<Request>();
          this.report({
            route: `${req.method} ${req.route ? `/api${String((req.route as { path: string }).path).replace(/^\/api/, '')}` : req.path} ${res.statusCode}`,
            issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          });
        }
        return body;
      }),
    );
  }
}
