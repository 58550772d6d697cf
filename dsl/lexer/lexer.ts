// Turns policy text into tokens and comments. Never throws: unknown characters
// and unterminated strings become lexer problems the parse stage reports.
import { Lexer, type IToken } from 'chevrotain';
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

function policyLexer(): Lexer {
  lexer ??= new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: false });
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
