// Decides what may be written at the cursor from the text before it, with a
// small forgiving scanner (the document is usually incomplete while typing, so
// this does not depend on a successful parse). Pure; unit-tested in Node.

export type CompletionContext =
  | { readonly kind: 'none' }
  | { readonly kind: 'topLevel'; readonly prefix: string }
  | { readonly kind: 'statement'; readonly prefix: string }
  | { readonly kind: 'expression'; readonly prefix: string }
  | { readonly kind: 'member'; readonly object: string; readonly prefix: string }
  | { readonly kind: 'enumValue'; readonly path: string; readonly prefix: string; readonly inList: boolean; readonly quoted: boolean }
  | { readonly kind: 'afterValue'; readonly prefix: string }
  | { readonly kind: 'prorationMethod'; readonly prefix: string }
  | { readonly kind: 'roundingMode'; readonly prefix: string }
  | { readonly kind: 'afterProrate'; readonly prefix: string }
  | { readonly kind: 'keywords'; readonly words: readonly string[]; readonly prefix: string }
  /** After `billing day of month `: the days 1-31 and `last` (an expression is allowed too). */
  | { readonly kind: 'billingDay'; readonly prefix: string };

export interface ScanToken {
  readonly kind: 'word' | 'string' | 'number' | 'date' | 'punct';
  readonly text: string;
  readonly start: number;
  /** True when the token is the first on its line. */
  readonly lineStart: boolean;
}

export interface ScanResult {
  readonly tokens: ScanToken[];
  /** Brace depth at the end of the text. */
  readonly depth: number;
  /** The end of the text is inside a string (`"...`) or a comment. */
  readonly inString: boolean;
  readonly inComment: boolean;
  /** Text of the unterminated string at the end, when inString. */
  readonly openString: string;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/y;
const DATE = /\d{4}-\d{2}-\d{2}/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const PUNCT2 = /!=|<=|>=/y;

/** Scans DSL text into coarse tokens, skipping comments; never throws. */
export function scan(text: string): ScanResult {
  const tokens: ScanToken[] = [];
  let depth = 0;
  let i = 0;
  let lineStart = true;
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? m[0] : undefined;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return { tokens, depth, inString: false, inComment: true, openString: '' };
      i = nl;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) {
        return { tokens, depth, inString: true, inComment: false, openString: text.slice(i + 1) };
      }
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), start: i, lineStart });
      lineStart = false;
      i = j + 1;
      continue;
    }
    const date = match(DATE);
    const word = date ? undefined : match(WORD);
    const num = date || word ? undefined : match(NUMBER);
    const p2 = date || word || num ? undefined : match(PUNCT2);
    const t = date ?? word ?? num ?? p2 ?? c;
    const kind: ScanToken['kind'] = date ? 'date' : word ? 'word' : num ? 'number' : 'punct';
    if (t === '{') depth++;
    if (t === '}') depth = Math.max(0, depth - 1);
    tokens.push({ kind, text: t, start: i, lineStart });
    lineStart = false;
    i += t.length;
  }
  return { tokens, depth, inString: false, inComment: false, openString: '' };
}

const STATEMENT_STARTS = new Set(['description', 'priority', 'when', 'hold', 'billing', 'override', 'align', 'prorate']);
/** Words after which an expression (a value) is expected. */
const EXPECTS_VALUE = new Set([
  'when', 'until', 'and', 'or', 'not', 'between', 'contains', 'with', 'to', '(', ',', '[', '+', '-', '*', '/',
  '=', '!=', '<', '<=', '>', '>=', 'in', 'month',
]);

/** The completion context for the text before the cursor. */
export function completionContext(textBefore: string, wordOperators: readonly string[] = []): CompletionContext {
  const s = scan(textBefore);
  if (s.inComment) return { kind: 'none' };
  const all = s.tokens;
  // The word being typed (touching the cursor) is the prefix, not a previous token.
  const last = all[all.length - 1];
  const touching = last !== undefined && last.start + last.text.length === textBefore.length && last.kind === 'word';
  const prefix = touching ? last.text : '';
  const tokens = touching ? all.slice(0, -1) : all;
  if (s.inString) {
    const ev = enumContext(tokens, `"${s.openString}`);
    return ev ? { ...ev, prefix: s.openString, quoted: true } : { kind: 'none' };
  }
  const depth = s.depth;
  const prev = tokens[tokens.length - 1];
  const prev2 = tokens[tokens.length - 2];
  if (depth === 0) return { kind: 'topLevel', prefix };

  // `account.` / `account.re`
  if (prev && prev.text === '.' && prev2 && prev2.kind === 'word') {
    const chain: string[] = [prev2.text];
    let k = tokens.length - 3;
    while (k >= 1 && tokens[k]!.text === '.' && tokens[k - 1]!.kind === 'word') {
      chain.unshift(tokens[k - 1]!.text);
      k -= 2;
    }
    return { kind: 'member', object: chain.join('.'), prefix };
  }
  if (!prev) return { kind: 'statement', prefix };
  const p = prev.text;
  if (p === 'prorate') return { kind: 'prorationMethod', prefix };
  if (p === 'rounding') return { kind: 'roundingMode', prefix };
  if (prev2?.text === 'prorate' && prev.kind === 'word') return { kind: 'afterProrate', prefix };
  if (prev2?.text === 'rounding' && prev.kind === 'word') return { kind: 'keywords', words: ['precision'], prefix };
  if (p === 'hold') return { kind: 'keywords', words: ['billing'], prefix };
  if (p === 'billing' && prev2?.text === 'hold') return { kind: 'keywords', words: ['until', 'reason'], prefix };
  if (p === 'billing' && prev2?.text === 'override') return { kind: 'keywords', words: ['date'], prefix };
  if (p === 'billing') return { kind: 'keywords', words: ['day of month'], prefix };
  if (p === 'override') return { kind: 'keywords', words: ['billing date to'], prefix };
  if (p === 'align') return { kind: 'keywords', words: ['amendments to'], prefix };
  if (p === 'amendments') return { kind: 'keywords', words: ['to'], prefix };
  if (p === 'to' && prev2?.text === 'amendments') return { kind: 'keywords', words: ['own', 'original'], prefix };
  if (p === 'is') return { kind: 'keywords', words: ['present', 'missing'], prefix };
  if (p === 'starts' || p === 'ends') return { kind: 'keywords', words: ['with'], prefix };
  if (p === 'date' && prev2?.text === 'billing') return { kind: 'keywords', words: ['to'], prefix };
  if (p === 'day' && prev2?.text === 'billing') return { kind: 'keywords', words: ['of month'], prefix };
  if (p === 'of') return { kind: 'keywords', words: ['month'], prefix };
  if (p === 'month' && prev2?.text === 'of' && tokens[tokens.length - 3]?.text === 'day') return { kind: 'billingDay', prefix };
  if (p === 'reason' || p === 'description' || p === 'precision' || p === 'priority') return { kind: 'none' };

  const ev = enumContext(tokens, '');
  if (ev) return { ...ev, prefix };

  // A new line that does not continue an expression starts a statement.
  const continues = EXPECTS_VALUE.has(p) || wordOperators.includes(p);
  if (p === '{' || p === '}' || (!continues && (touching ? last.lineStart : lineIsBlank(textBefore)))) {
    return { kind: 'statement', prefix };
  }
  if (continues) return { kind: 'expression', prefix };
  if (STATEMENT_STARTS.has(p)) return { kind: 'expression', prefix };
  return { kind: 'afterValue', prefix };
}

function lineIsBlank(textBefore: string): boolean {
  const nl = textBefore.lastIndexOf('\n');
  return textBefore.slice(nl + 1).trim() === '';
}

/** `path =`, `path !=`, `path in [ "a", ` -> the path whose values are wanted. */
function enumContext(
  tokens: ScanToken[],
  openText: string,
): { kind: 'enumValue'; path: string; inList: boolean; quoted: boolean; prefix: string } | undefined {
  let k = tokens.length - 1;
  let inList = false;
  // Skip list items already written: `[ "a", "b",`
  const afterBracket = (() => {
    let j = k;
    while (j >= 0 && (tokens[j]!.kind === 'string' || tokens[j]!.text === ',')) j--;
    return j;
  })();
  if (afterBracket >= 0 && tokens[afterBracket]!.text === '[') {
    inList = true;
    k = afterBracket - 1;
    if (k >= 0 && tokens[k]!.text === 'in') k--;
    else if (k >= 0 && tokens[k]!.text === '=') k--;
    else return undefined;
    if (k >= 0 && tokens[k]!.text === 'not') k--;
  } else if (k >= 0 && (tokens[k]!.text === '=' || tokens[k]!.text === '!=')) {
    k--;
  } else {
    return undefined;
  }
  const path = pathEndingAt(tokens, k);
  if (!path) return undefined;
  void openText;
  return { kind: 'enumValue', path, inList, quoted: false, prefix: '' };
}

function pathEndingAt(tokens: ScanToken[], k: number): string | undefined {
  if (k < 0 || tokens[k]!.kind !== 'word') return undefined;
  const parts = [tokens[k]!.text];
  while (k >= 2 && tokens[k - 1]!.text === '.' && tokens[k - 2]!.kind === 'word') {
    parts.unshift(tokens[k - 2]!.text);
    k -= 2;
  }
  return parts.join('.');
}

/** The function call the cursor is inside (for signature help): name and argument index. */
export function callContext(textBefore: string): { name: string; argIndex: number } | undefined {
  const { tokens, inComment } = scan(textBefore);
  if (inComment) return undefined;
  let depth = 0;
  let commas = 0;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k]!.text;
    if (t === ')' || t === ']') depth++;
    else if (t === '[') depth--;
    else if (t === '(') {
      if (depth === 0) {
        const name = tokens[k - 1];
        return name && name.kind === 'word' ? { name: name.text, argIndex: commas } : undefined;
      }
      depth--;
    } else if (t === ',' && depth === 0) commas++;
    else if (t === '{' || t === '}') return undefined;
  }
  return undefined;
}

/** The dotted word around an offset (`account.region`, `nextWeekday`), for hover. */
export function wordAt(text: string, offset: number): { text: string; start: number; end: number } | undefined {
  const isW = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_.\-]/.test(ch);
  let a = offset;
  let b = offset;
  while (a > 0 && isW(text[a - 1])) a--;
  while (b < text.length && isW(text[b])) b++;
  let word = text.slice(a, b);
  // Trim punctuation at the ends (`account.region.` while typing, `-5`).
  while (word.endsWith('.') || word.endsWith('-')) {
    word = word.slice(0, -1);
    b--;
  }
  while (word.startsWith('.') || word.startsWith('-')) {
    word = word.slice(1);
    a++;
  }
  if (!word || !/^[A-Za-z_]/.test(word)) return undefined;
  return { text: word, start: a, end: b };
}
