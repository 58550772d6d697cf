// Decides where each comment goes when a file is re-printed: on its own lines
// before a policy, an item or a policy's closing brace (leading), or at the end
// of the line it followed (trailing). Comments inside a multi-line item move
// before that item. Without the source text every comment is leading.
import type { Comment, PolicyFile } from '../ast/ast-types.js';

export interface LineComments {
  /** Comment lines before the code line; '' keeps one blank line the source had after a comment. */
  leading: string[];
  trailing: string[];
}

export interface AttachedComments {
  /** Per policy: header line, each item (by index), closing brace. */
  readonly policies: { header: LineComments; items: LineComments[]; close: LineComments }[];
  /** Comments after the last policy. */
  readonly end: string[];
}

function empty(): LineComments {
  return { leading: [], trailing: [] };
}

export function attachComments(file: PolicyFile, text?: string): AttachedComments {
  const policies = file.policies.map((p) => ({ header: empty(), items: p.items.map(empty), close: empty() }));
  const end: string[] = [];
  const sameLine = (from: number, to: number): boolean => text !== undefined && from <= to && !/[\r\n]/.test(text.slice(from, to));
  const addTrailing = (line: LineComments, c: Comment): void => {
    if (line.trailing.length === 0) line.trailing.push(c.text);
    else line.leading.push(c.text);
  };

  const sorted = [...file.comments].sort((a, b) => a.span.start - b.span.start);
  const lead = (line: LineComments, c: Comment, i: number, unitStart: number): void => {
    line.leading.push(c.text);
    const nextStart = Math.min(sorted[i + 1]?.span.start ?? unitStart, unitStart);
    if (text !== undefined && nextStart > c.span.end && /\r?\n[ \t]*\r?\n/.test(text.slice(c.span.end, nextStart))) line.leading.push('');
  };

  for (const [i, c] of sorted.entries()) {
    const at = c.span.start;
    const index = file.policies.findIndex((p) => p.span.start <= at && at < p.span.end);
    if (index < 0) {
      const before = [...file.policies.keys()].filter((i) => file.policies[i].span.end <= at).pop();
      if (before !== undefined && sameLine(file.policies[before].span.end, at)) {
        addTrailing(policies[before].close, c);
        continue;
      }
      const next = file.policies.findIndex((p) => p.span.start > at);
      if (next >= 0) lead(policies[next].header, c, i, file.policies[next].span.start);
      else end.push(c.text);
      continue;
    }
    const policy = file.policies[index];
    const slots = policies[index];
    const inside = policy.items.findIndex((item) => item.span.start <= at && at < item.span.end);
    if (inside >= 0) {
      slots.items[inside].leading.push(c.text);
      continue;
    }
    let previous = -1;
    policy.items.forEach((item, i) => {
      if (item.span.end <= at) previous = i;
    });
    if (previous >= 0 && sameLine(policy.items[previous].span.end, at)) {
      addTrailing(slots.items[previous], c);
      continue;
    }
    if (previous < 0 && sameLine(policy.span.start, at)) {
      addTrailing(slots.header, c);
      continue;
    }
    const next = policy.items.findIndex((item) => item.span.start > at);
    if (next >= 0) lead(slots.items[next], c, i, policy.items[next].span.start);
    else slots.close.leading.push(c.text);
  }
  return { policies, end };
}
