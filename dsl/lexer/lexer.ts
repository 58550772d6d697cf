// Turns policy text into tokens and comments. Never throws: unknown characters
// and unterminated strings become lexer problems the parse stage reports.
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { ALL_TOKENS, StringLiteral, UnterminatedString } from './tokens.js';

export type LexProblem =
  | { readonly kind: 'unexpected-character'; readonly offset: number; readonly length: number }
  | { readonly kind: 'unterminated-string'; readonly offset: number; readonly length: number };

export interface LexResult {
  readonly tokens: IToken[];
  /** `#` and `//` comments in source order. */
  readonly comments: IToken[];
  readonly problems: LexProblem[];
}

let lexer: Lexer | undefined;

/** Chevrotain's token factory hook (an instance field of Lexer in 10.x-11.x). */
interface TokenFactory {
  createTokenInstance(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken;
}

function policyLexer(): Lexer {
  if (!lexer) {
    lexer = new Lexer(ALL_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: true });
    // 'onlyOffset' (the fastest tracking) leaves endOffset unset, and spans need
    // it; adding it afterwards grows every token's property storage, so tokens
    // and comments are created with it.
    (lexer as unknown as TokenFactory).createTokenInstance = (image, startOffset, tokenTypeIdx, tokenType) => ({
      image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType,
    });
  }
  return lexer;
}

export function lexText(text: string): LexResult {
  const result = policyLexer().tokenize(text);
  const problems: LexProblem[] = result.errors.map((e) => ({ kind: 'unexpected-character', offset: e.offset, length: e.length }));
  for (const token of result.tokens) {
    if (token.tokenType === UnterminatedString) {
      problems.push({ kind: 'unterminated-string', offset: token.startOffset, length: token.image.length });
      // The parser sees a string, so one missing quote is one diagnostic.
      token.tokenType = StringLiteral;
      token.tokenTypeIdx = StringLiteral.tokenTypeIdx!;
    }
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { tokens: result.tokens, comments: result.groups.comments ?? [], problems };
}

/** Index of the token starting at `token.startOffset` in a lexed stream (binary search); -1 if absent. */
export function indexOfToken(tokens: readonly IToken[], token: IToken): number {
  const offset = token.startOffset;
  if (!Number.isFinite(offset)) return -1;
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = tokens[mid].startOffset;
    if (at === offset) return tokens[mid] === token ? mid : -1;
    if (at < offset) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}
