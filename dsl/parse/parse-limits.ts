// Input bounds checked before the recursive parser runs, so hostile or
// generated input gets a diagnostic instead of a stack overflow or a stall.
import type { IToken, TokenType } from 'chevrotain';
import {
  KEYWORDS as K, LBracket, LCurly, LParen, Minus, RBracket, RCurly, RParen, Comma,
  Identifier, NumberLiteral, StringLiteral, DateLiteral,
} from '../lexer/tokens.js';

/** Largest text parsed, in UTF-16 code units (about 1 MiB of ASCII). */
export const MAX_TEXT_LENGTH = 1024 * 1024;
export const MAX_TOKENS = 200_000;
/** Deepest nesting of brackets, lists and prefix `not` / `-`. */
export const MAX_NESTING_DEPTH = 64;

const RESETS: ReadonlySet<TokenType> = new Set([
  K.policy, LCurly, RCurly, K.description, K.priority, K.when, K.hold, K.override, K.align, K.prorate, K.billing,
]);
const OPERAND_ENDS: ReadonlySet<TokenType> = new Set([Identifier, NumberLiteral, StringLiteral, DateLiteral, RParen, RBracket, K.true, K.false, K.day, K.month]);

/**
 * Finds the first token at which the parser would recurse deeper than the
 * limit. Each open bracket is one level; prefix `not` and `-` add one until an
 * `and`, `or` or `,` at their level ends their operand. Statement keywords and
 * braces reset the count (the parser recovers there).
 */
export function findTooDeep(tokens: readonly IToken[], limit = MAX_NESTING_DEPTH): IToken | undefined {
  const prefixes: number[] = [0];
  let depth = 0;
  let previous: TokenType | undefined;
  for (const token of tokens) {
    const type = token.tokenType;
    if (RESETS.has(type)) {
      prefixes.length = 1;
      prefixes[0] = 0;
      depth = 0;
    } else if (type === LParen || type === LBracket) {
      prefixes.push(0);
      depth++;
    } else if (type === RParen || type === RBracket) {
      if (prefixes.length > 1) depth -= 1 + prefixes.pop()!;
    } else if (type === K.not || (type === Minus && (previous === undefined || !OPERAND_ENDS.has(previous)))) {
      prefixes[prefixes.length - 1]++;
      depth++;
    } else if (type === K.and || type === K.or || type === Comma) {
      depth -= prefixes[prefixes.length - 1];
      prefixes[prefixes.length - 1] = 0;
    }
    if (depth > limit) return token;
    previous = type;
  }
  return undefined;
}
