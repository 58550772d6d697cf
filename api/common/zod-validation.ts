// Zod 4 validation for request bodies and queries: the zod schema is given to
// Nest as the parameter's Standard Schema (so @nestjs/swagger documents it) and
// checked by a pipe that names the fields at fault (`body.asOf`).
import { Body, type PipeTransform, Query } from '@nestjs/common';
import { z } from 'zod';
import { isIsoDate } from '../../dsl/dates/iso-date.js';
import { DATA_WINDOW_MESSAGE, inDataWindow } from './date-window.js';
import { ValidationProblem, type ProblemDetail } from './problem.js';

export function zodIssues(error: z.ZodError, root: string): ProblemDetail[] {
  return error.issues.map((issue) => ({ path: joinPath(root, issue.path), message: issue.message }));
}

function joinPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, root: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const details = zodIssues(r.error, root);
    throw new ValidationProblem(details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return r.data;
}

export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(
    private readonly schema: T,
    private readonly root: string,
  ) {}
  transform(value: unknown): z.output<T> {
    return parseWith(this.schema, value, this.root);
  }
}

/** `@ZodBody(schema)` validates the body and documents it in OpenAPI. */
export function ZodBody<T extends z.ZodType>(schema: T): ParameterDecorator {
  return Body({ schema, pipes: [new ZodPipe(schema, 'body')] });
}

/** `@ZodQuery(schema)` validates the whole query object and documents each field as a query parameter. */
export function ZodQuery<T extends z.ZodType>(schema: T): ParameterDecorator {
  return Query({ schema, pipes: [new ZodPipe(schema, 'query')] });
}

/** Shared field schemas. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  // the window first (plain string order), so year 0000 reads "must lie between ..." and stops there
  .refine(inDataWindow, { message: DATA_WINDOW_MESSAGE, abort: true })
  .refine((s) => isIsoDate(s), 'not a calendar date');

/** A whole number written in decimal digits only (no `0x10`, `1e3`, ` 5`, `5.0`). */
export function strictInt(min: number, max: number) {
  return z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      const text = typeof v === 'number' ? String(v) : v;
      if (!/^\d{1,15}$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: 'expected a whole number in decimal digits' });
        return z.NEVER;
      }
      return Number(text);
    })
    .pipe(z.number().int().min(min).max(max));
}
