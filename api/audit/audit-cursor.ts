// Opaque keyset cursors for the audit list: base64url of `<at ISO>|<id>`.
// A cursor that does not decode is a 400 naming the parameter.
import { ValidationProblem } from '../common/problem.js';

export interface AuditCursor {
  readonly at: Date;
  readonly id: string;
}

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string, path: string): AuditCursor {
  const raw = /^[A-Za-z0-9_-]{1,400}$/.test(text) ? Buffer.from(text, 'base64url').toString('utf8') : '';
  const bar = raw.indexOf('|');
  const at = bar > 0 ? new Date(raw.slice(0, bar)) : new Date(NaN);
  const id = bar > 0 ? raw.slice(bar + 1) : '';
  if (Number.isNaN(at.getTime()) || id === '' || at.toISOString() !== raw.slice(0, bar)) {
    throw new ValidationProblem('the cursor is not one this API handed out', [
      { path, message: 'not a cursor from a previous page (pass nextCursor unchanged)' },
    ]);
  }
  return { at, id };
}
