// The worker's fast path: re-check the edited policy alone and merge it into
// the last full check, only when every change lies inside that policy.
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import { blockAround, isolate, mergeBlock } from '../../editor/src/worker/policy-blocks.js';

const A = 'policy "A" {\n  billing day of month 1\n}\n';
const B = 'policy "B" {\n  prorate dayly\n}\n';
const C = '# C\npolicy "C" {\n  priority 1\n}\n';
const doc = A + B + C;
const diag = (start: number, end: number, code = 'PV2005'): Diagnostic => ({ code, severity: 'error', message: code, span: { start, end } });

describe('blockAround', () => {
  test.each([
    ['an edit in the first policy', A.indexOf('1'), { start: 0, end: A.length }],
    ['an edit in the middle policy', A.length + B.indexOf('dayly'), { start: A.length, end: A.length + B.length + 4 }],
    ['an edit in the last policy', doc.length - 3, { start: A.length + B.length + 4, end: doc.length }],
  ])('%s', (_name, at, expected) => {
    expect(blockAround(doc, at, at)).toEqual(expected);
  });

  test('an edit spanning two policies has no block', () => {
    expect(blockAround(doc, 3, A.length + 3)).toBeUndefined();
  });

  test('a single policy has no block (the full check is as cheap)', () => {
    expect(blockAround(A, 3, 3)).toBeUndefined();
  });
});

describe('isolate', () => {
  test('keeps offsets and line breaks, blanks the rest', () => {
    const b = { start: A.length, end: A.length + B.length };
    const out = isolate(doc, b);
    expect(out.length).toBe(doc.length);
    expect(out.slice(b.start, b.end)).toBe(B);
    expect(out.slice(0, b.start).replace(/ /g, '')).toBe('\n\n\n');
  });
});

describe('mergeBlock', () => {
  const inB = A.length + B.indexOf('dayly');
  const previous = { text: doc, diagnostics: [diag(2, 5, 'PV1'), diag(inB, inB + 5), diag(doc.length - 5, doc.length - 4, 'PV3')] };

  test('replaces the block diagnostics and shifts the ones after it', () => {
    const edited = doc.replace('dayly', 'daily  ');
    const block = blockAround(edited, inB, inB + 7)!;
    const merged = mergeBlock(previous, edited, block, [])!;
    expect(merged.map((d) => [d.code, d.span.start])).toEqual([
      ['PV1', 2],
      ['PV3', doc.length - 5 + 2],
    ]);
  });

  test('refuses when text outside the block changed too', () => {
    const edited = doc.replace('dayly', 'daily').replace('priority 1', 'priority 2');
    const block = blockAround(edited, inB, inB + 5)!;
    expect(mergeBlock(previous, edited, block, [])).toBeUndefined();
  });
});
