// Invariants every parse result must satisfy, shared by property and fuzz tests (not a test file).
import { expect } from '@jest/globals';
import type { ParseResult } from '../../../dsl/parse/parse-document.js';

interface Spanned {
  $type?: string;
  span?: { start: number; end: number };
}

function checkSpan(span: { start: number; end: number }, length: number, where: string): void {
  const ok = Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
  if (!ok) throw new Error(`span ${JSON.stringify(span)} of ${where} is not inside a text of length ${length}`);
}

/** Every node has a $type and a span inside the text; Missing nodes are zero-width; diagnostics too. */
export function expectSpansInside(result: ParseResult, text: string): void {
  const stack: unknown[] = [result.ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const n = node as Spanned & Record<string, unknown>;
    if (n.$type !== undefined) {
      if (!n.span) throw new Error(`${n.$type} has no span`);
      checkSpan(n.span, text.length, n.$type);
      if (n.$type === 'Missing' && n.span.start !== n.span.end) throw new Error('Missing node with a non-empty span');
      if ('opSpan' in n) checkSpan(n.opSpan as { start: number; end: number }, text.length, `${n.$type}.opSpan`);
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === 'span' || key === 'opSpan') continue;
      if (value === undefined && key !== 'until' && key !== 'reason' && key !== 'rounding' && key !== 'precision') {
        throw new Error(`${n.$type}.${key} is undefined`);
      }
      stack.push(value);
    }
  }
  for (const d of result.diagnostics) {
    checkSpan(d.span, text.length, `diagnostic ${d.code}`);
    expect(d.code).toMatch(/^PV1\d{3}$/);
    expect(d.message).not.toMatch(/\{\w+\}/);
    expect(d.message.length).toBeGreaterThan(10);
  }
}
