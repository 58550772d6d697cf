// Strings PostgreSQL cannot store or compare (a NUL byte: 22021; a lone UTF-16
// surrogate, which has no UTF-8 form: 22P05) are refused at the edge with a 400
// naming the field, instead of a 500 from the database. A global pipe checks
// every body, query and path parameter (object keys included) before any
// route-specific validation.
import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationProblem, type ProblemDetail } from './problem.js';

// eslint-disable-next-line no-control-regex
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_REPORTED = 20;

/** Why a string cannot be stored, or undefined when it can. */
export function badStringReason(s: string): string | undefined {
  const m = BAD.exec(s);
  if (!m) return undefined;
  return m[0] === '\u0000'
    ? `contains a NUL character (at index ${m.index}), which cannot be stored`
    : `contains a lone UTF-16 surrogate (at index ${m.index}); send well-formed Unicode`;
}

/** Every string (and object key) in `value` that cannot be stored, with its JSON path under `root`. */
export function findBadStrings(value: unknown, root: string): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && out.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const reason = badStringReason(v);
      if (reason) out.push({ path, message: reason });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i];
        const childPath = path ? `${path}.${k}` : k;
        const reason = badStringReason(k);
        if (reason) out.push({ path: childPath, message: `the key ${reason}` });
        else stack.push([child, childPath]);
      }
    }
  }
  return out;
}

@Injectable()
export class StringHygienePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'param' ? `params${metadata.data ? `.${metadata.data}` : ''}` : metadata.data ? `${metadata.type}.${metadata.data}` : metadata.type;
    const bad = findBadStrings(value, root);
    if (bad.length > 0) throw new ValidationProblem(bad.map((d) => `${d.path}: ${d.message}`).join('; '), bad);
    return value;
  }
}
