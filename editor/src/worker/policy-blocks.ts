// Fast re-check of the one policy being edited: the document is cut into
// top-level `policy` blocks; the edited block is checked alone (everything else
// blanked, so offsets stay valid) and merged with the last full check's
// diagnostics outside it. The full check (names across policies, conflicts)
// follows when typing pauses. Pure; used by the DSL worker.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { scan } from '../language/completion-context.js';

export interface Block {
  readonly start: number;
  readonly end: number;
}

/** The top-level block (from one `policy` keyword to the next) holding [from, to]. */
export function blockAround(text: string, from: number, to: number): Block | undefined {
  const starts: number[] = [];
  let depth = 0;
  for (const t of scan(text).tokens) {
    if (t.text === '{') depth++;
    else if (t.text === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === 'word' && t.text === 'policy') starts.push(t.start);
  }
  if (starts.length < 2) return undefined; // one policy: the full check is the block check
  let i = -1;
  while (i + 1 < starts.length && starts[i + 1]! <= from) i++;
  const start = i < 0 ? 0 : starts[i]!;
  const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
  return to <= end ? { start, end } : undefined;
}

/** The text with everything outside the block replaced by spaces (line breaks kept). */
export function isolate(text: string, b: Block): string {
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  return blank(text.slice(0, b.start)) + text.slice(b.start, b.end) + blank(text.slice(b.end));
}

/**
 * Merges the block's own diagnostics into the previous full result, when every
 * change since that result lies inside the block; undefined otherwise.
 */
export function mergeBlock(
  previous: { readonly text: string; readonly diagnostics: readonly Diagnostic[] },
  text: string,
  block: Block,
  blockDiagnostics: readonly Diagnostic[],
): Diagnostic[] | undefined {
  const delta = text.length - previous.text.length;
  const oldEnd = block.end - delta;
  if (oldEnd < block.start) return undefined;
  if (previous.text.slice(0, block.start) !== text.slice(0, block.start)) return undefined;
  if (previous.text.slice(oldEnd) !== text.slice(block.end)) return undefined;
  const shift = (d: Diagnostic): Diagnostic => {
    const s = (span: { start: number; end: number }) => ({ start: span.start + delta, end: span.end + delta });
    const data =
      d.data && 'span' in d.data
        ? { ...d.data, span: s(d.data.span) }
        : d.data && d.data.kind === 'insert'
          ? { ...d.data, offset: d.data.offset + delta }
          : d.data && d.data.kind === 'edits'
            ? { ...d.data, edits: d.data.edits.map((e) => ({ ...e, span: s(e.span) })) }
            : d.data;
    return { ...d, span: s(d.span), ...(data ? { data } : {}) } as Diagnostic;
  };
  const outside: Diagnostic[] = [];
  for (const d of previous.diagnostics) {
    if (d.span.start < block.start && d.span.end <= block.start) outside.push(d);
    else if (d.span.start >= oldEnd) outside.push(shift(d));
  }
  const inside = blockDiagnostics.filter((d) => d.span.start >= block.start && d.span.start <= block.end);
  return [...outside, ...inside].sort((a, b) => a.span.start - b.span.start);
}
