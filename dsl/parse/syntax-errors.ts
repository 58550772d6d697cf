// Turns lexer problems and Chevrotain's recorded parse errors into catalog
// diagnostics worded for the policy author. Chevrotain's own wording never
// reaches the user (parser/parser-messages.ts encodes the facts as JSON).
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Span } from '../ast/ast-types.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import type { SyntaxCode } from '../diagnostics/catalog-syntax.js';
import { syntaxDiagnostic, type DiagnosticArgs } from '../diagnostics/syntax-report.js';
import { describeToken } from '../ast/ast-builder.js';
import { indexOfToken, type LexProblem } from '../lexer/lexer.js';
import { ALL_TOKENS, ITEM_START_WORDS } from '../lexer/tokens.js';
import { decodeProblem, type ParseProblemInfo } from '../parser/parser-messages.js';
import { isRealToken, tokenSpan } from '../spans/spans.js';

const STATEMENT_STARTS: ReadonlySet<string> = new Set(['policy', ...ITEM_START_WORDS]);
const EXPRESSION_RULES = new Set(['expression', 'andExpression', 'comparison', 'additive', 'unary']);
const CONDITION_KEYWORDS = new Set(['when', 'until', 'and', 'or', 'not']);

const NAME_HINTS: Readonly<Record<string, string>> = {
  prorate: 'a proration method (daily, monthly-daily, whole-months, thirty-360 or none)',
  rounding: 'a rounding mode (half-up, half-even, up or down)',
  to: 'an alignment (own or original)',
};

const TOKEN_WORDING: Readonly<Record<string, string>> = {
  StringLiteral: 'text in double quotes',
  NumberLiteral: 'a number',
  DateLiteral: 'a date',
  Identifier: 'a name',
  Word: 'a name',
  TopJunk: "'policy'",
  BodyJunk: 'a statement',
  EOF: 'the end of the file',
};

function expectedWording(names: readonly string[]): string {
  const words = names.map((n) => TOKEN_WORDING[n] ?? ALL_TOKENS.find((t) => t.name === n)?.LABEL ?? n);
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return unique.slice(0, -1).join(', ') + ' or ' + unique[unique.length - 1];
}

function quoted(t: IToken | undefined): string {
  return isRealToken(t) ? `'${t.image}'` : 'the start of the file';
}

export function lexDiagnostics(problems: readonly LexProblem[], text: string, file?: string): Diagnostic[] {
  const opts = file !== undefined ? { file } : {};
  return problems.map((p) => {
    if (p.kind === 'unterminated-string') {
      const end = p.offset + p.length;
      return syntaxDiagnostic('PV1003', { start: p.offset, end }, {}, { ...opts, data: { kind: 'insert', offset: end, text: '"' } });
    }
    const span = { start: p.offset, end: p.offset + p.length };
    const chars = text.slice(span.start, span.end);
    const shown = chars.length > 10 ? chars.slice(0, 10) + '...' : chars;
    return syntaxDiagnostic('PV1002', span, { char: `'${shown}'` }, { ...opts, data: { kind: 'delete', span } });
  });
}

interface Classified {
  readonly code: SyntaxCode;
  readonly args: DiagnosticArgs;
}

function classify(info: ParseProblemInfo, found: string, previous: IToken | undefined): Classified {
  const expected = info.expected;
  const prev = isRealToken(previous) ? previous.image : '';
  const only = (name: string): boolean => expected.length === 1 && expected[0] === name;
  if (info.rule === 'policy' && only('StringLiteral')) return { code: 'PV1005', args: { found } };
  if (info.rule === 'policy' && only('LCurly')) return { code: 'PV1006', args: { found } };
  if (info.rule === 'policy' && only('RCurly')) return { code: 'PV1007', args: { found } };
  if (only('RParen')) {
    const opener = info.rule === 'callOrPath' ? 'the function call' : "the opening '('";
    return { code: 'PV1014', args: { expected: "')'", opener, found } };
  }
  if (only('RBracket')) return { code: 'PV1014', args: { expected: "']'", opener: "the list opened with '['", found } };
  if (only('StringLiteral')) return { code: 'PV1009', args: { previous: quoted(previous), found } };
  if (only('NumberLiteral') && (info.rule === 'priorityClause' || info.rule === 'prorateStatement')) {
    return { code: 'PV1010', args: { previous: quoted(previous), found } };
  }
  if (info.rule === 'name' || (info.rule === 'alignStatement' && only('Identifier'))) {
    return { code: 'PV1011', args: { what: NAME_HINTS[prev] ?? 'a name', previous: quoted(previous), found } };
  }
  if (info.rule === 'billingDayStatement' && info.kind === 'no-alternative') {
    return { code: 'PV1011', args: { what: "a day of the month (1 to 31) or 'last'", previous: quoted(previous), found } };
  }
  if (info.rule === 'comparison' && expected.includes('KwPresent')) return { code: 'PV1017', args: { found } };
  if (info.rule === 'comparison' && only('KwAnd')) return { code: 'PV1018', args: { found } };
  if (EXPRESSION_RULES.has(info.rule) && info.kind === 'no-alternative') {
    if (CONDITION_KEYWORDS.has(prev)) return { code: 'PV1016', args: { previous: quoted(previous), found } };
    return { code: 'PV1008', args: { previous: quoted(previous), found } };
  }
  if (info.rule === 'callOrPath' && only('Word')) {
    return { code: 'PV1011', args: { what: 'a field name', previous: quoted(previous), found } };
  }
  return { code: 'PV1001', args: { found, expected: expectedWording(expected) } };
}

/** Where to underline: the offending token, or a zero-width span after the previous one at end of file. */
function problemSpan(token: IToken, previous: IToken | undefined, textLength: number): Span {
  const own = tokenSpan(token);
  if (own) return own;
  const before = tokenSpan(previous);
  const at = before ? before.end : textLength;
  return { start: at, end: at };
}

/**
 * One diagnostic per spot: a second error at the same place, or (except for
 * unclosed brackets and policies) on the token right after the previous
 * error's token, is a consequence of the first.
 */
export function parseDiagnostics(
  errors: readonly IRecognitionException[],
  textLength: number,
  tokens: readonly IToken[],
  file?: string,
): Diagnostic[] {
  const opts = file !== undefined ? { file } : {};
  const seen = new Set<number>();
  const out: Diagnostic[] = [];
  let lastIndex = -2;
  let lastStartsStatement = false;
  for (const error of errors) {
    const previous = (error as IRecognitionException & { previousToken?: IToken }).previousToken;
    const span = problemSpan(error.token, previous, textLength);
    const found = indexOfToken(tokens, error.token);
    const index = found >= 0 ? found : undefined;
    const info = decodeProblem(error.message) ?? { kind: 'mismatch', rule: '', expected: [] };
    const { code, args } = classify(info, describeToken(error.token), previous);
    // Unclosed brackets and policies are always worth reporting; "expected a value" right after another error is not.
    // When the earlier error's token starts a statement, parsing restarted there: what follows is a new problem.
    const cascade = index !== undefined && index === lastIndex + 1 && !lastStartsStatement && code !== 'PV1014' && code !== 'PV1007';
    if (index !== undefined) {
      lastIndex = index;
      lastStartsStatement = STATEMENT_STARTS.has(error.token.image) && error.token.tokenType.name.startsWith('Kw');
    }
    if (seen.has(span.start) || cascade) continue;
    seen.add(span.start);
    out.push(syntaxDiagnostic(code, span, args, opts));
  }
  return out;
}
