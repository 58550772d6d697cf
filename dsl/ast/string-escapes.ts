// Escapes inside double-quoted text: \" \\ \n \t \r. The printer writes text
// back with the same escapes, so parse(print(x)) keeps every string value.

export interface UnescapeResult {
  readonly value: string;
  /** Offsets (relative to the token start) and text of unknown escapes. */
  readonly badEscapes: { readonly offset: number; readonly text: string }[];
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };

/** Unescapes a string token's image (with its quotes; the closing one may be missing). */
export function unescapeStringImage(image: string): UnescapeResult {
  const closed = image.length >= 2 && image.endsWith('"') && !isEscapedAt(image, image.length - 1);
  const body = image.slice(1, closed ? -1 : undefined);
  if (!body.includes('\\')) return { value: body, badEscapes: [] };
  const badEscapes: { offset: number; text: string }[] = [];
  let value = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      badEscapes.push({ offset: i + 1, text: '\\' });
      break;
    }
    const mapped = ESCAPES[next];
    if (mapped === undefined) {
      badEscapes.push({ offset: i + 1, text: '\\' + next });
      value += next;
    } else value += mapped;
    i++;
  }
  return { value, badEscapes };
}

function isEscapedAt(image: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && image[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Writes a value as a double-quoted DSL string. */
export function quoteString(value: string): string {
  let out = '"';
  for (const c of value) {
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else out += c;
  }
  return out + '"';
}
