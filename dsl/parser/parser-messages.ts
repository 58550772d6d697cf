// Chevrotain builds an error message string when it records a syntax error. We
// do not show its wording: the provider below encodes what happened as JSON, and
// parse/syntax-errors.ts turns that into a catalog diagnostic a finance admin reads.
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

export interface ParseProblemInfo {
  readonly kind: 'mismatch' | 'no-alternative' | 'early-exit' | 'redundant';
  /** The rule being parsed when the problem was found. */
  readonly rule: string;
  /** Names of the token types that would have been accepted next. */
  readonly expected: string[];
}

function encode(info: ParseProblemInfo): string {
  return JSON.stringify(info);
}

/** Reads back what `PARSER_MESSAGES` encoded; undefined for anything else. */
export function decodeProblem(message: string): ParseProblemInfo | undefined {
  try {
    const value: unknown = JSON.parse(message);
    if (typeof value === 'object' && value !== null && 'kind' in value && 'rule' in value && 'expected' in value) {
      return value as ParseProblemInfo;
    }
  } catch {
    // Not one of ours.
  }
  return undefined;
}

function firstTokens(paths: TokenType[][]): string[] {
  const names = new Set<string>();
  for (const path of paths) if (path[0]) names.add(path[0].name);
  return [...names];
}

export const PARSER_MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }) =>
    encode({ kind: 'mismatch', rule: ruleName, expected: [expected.name] }),
  buildNotAllInputParsedMessage: ({ ruleName }: { firstRedundant: IToken; ruleName: string }) =>
    encode({ kind: 'redundant', rule: ruleName, expected: [] }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }: { expectedPathsPerAlt: TokenType[][][]; ruleName: string }) =>
    encode({ kind: 'no-alternative', rule: ruleName, expected: firstTokens(expectedPathsPerAlt.flat()) }),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }: { expectedIterationPaths: TokenType[][]; ruleName: string }) =>
    encode({ kind: 'early-exit', rule: ruleName, expected: firstTokens(expectedIterationPaths) }),
};
