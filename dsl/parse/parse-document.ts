// The syntax entry point: text -> AST + syntax diagnostics. Never throws: every
// problem, including the input bounds of parse-limits.ts, is a diagnostic.
import type { IToken } from 'chevrotain';
import type { Comment, PolicyFile } from '../ast/ast-types.js';
import { AstBuilder } from '../ast/ast-builder.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import { syntaxDiagnostic } from '../diagnostics/syntax-report.js';
import { lexText } from '../lexer/lexer.js';
import { parseTokens } from '../parser/policy-parser.js';
import { clampSpan, tokenSpan } from '../spans/spans.js';
import { findTooDeep, MAX_NESTING_DEPTH, MAX_TEXT_LENGTH, MAX_TOKENS } from './parse-limits.js';
import { lexDiagnostics, parseDiagnostics } from './syntax-errors.js';

export interface ParseResult {
  readonly ast: PolicyFile;
  readonly diagnostics: Diagnostic[];
}

function emptyFile(text: string, comments: Comment[] = []): PolicyFile {
  return { $type: 'PolicyFile', policies: [], comments, span: { start: 0, end: text.length } };
}

function commentNodes(comments: readonly IToken[]): Comment[] {
  return comments.map((t) => ({ $type: 'Comment', text: t.image.replace(/\s+$/, ''), span: tokenSpan(t)! }));
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}

const JUNK_CODES: ReadonlySet<string> = new Set(['PV1012', 'PV1013']);

/**
 * Junk diagnostics that only echo another problem are dropped: recovery skips
 * the token a parse error already reported, and the words right after a
 * character the lexer rejected (`a & b`) are junk only because of it.
 */
function withoutEchoes(diagnostics: Diagnostic[], text: string): Diagnostic[] {
  const reported = new Set(diagnostics.filter((d) => !JUNK_CODES.has(d.code)).map((d) => d.span.start));
  const afterBadCharacter = diagnostics.filter((d) => d.code === 'PV1002').map((d) => d.span.end);
  const follows = (start: number): boolean => afterBadCharacter.some((end) => end <= start && text.slice(end, start).trim() === '');
  return diagnostics.filter((d) => !JUNK_CODES.has(d.code) || (!reported.has(d.span.start) && !follows(d.span.start)));
}

function parseUnguarded(text: string, file: string | undefined): ParseResult {
  const opts = file !== undefined ? { file } : {};
  if (text.length > MAX_TEXT_LENGTH) {
    const size = `${(text.length / (1024 * 1024)).toFixed(1)} MiB`;
    return { ast: emptyFile(text), diagnostics: [syntaxDiagnostic('PV1090', { start: 0, end: 0 }, { size, limit: '1 MiB' }, opts)] };
  }
  const lexed = lexText(text);
  const lexProblems = lexDiagnostics(lexed.problems, text, file);
  if (lexed.tokens.length > MAX_TOKENS) {
    const span = tokenSpan(lexed.tokens[MAX_TOKENS])!;
    const count = lexed.tokens.length.toLocaleString('en-US');
    return { ast: emptyFile(text, commentNodes(lexed.comments)), diagnostics: [syntaxDiagnostic('PV1091', span, { count, limit: MAX_TOKENS.toLocaleString('en-US') }, opts)] };
  }
  const tooDeep = findTooDeep(lexed.tokens);
  if (tooDeep) {
    const diagnostic = syntaxDiagnostic('PV1092', tokenSpan(tooDeep)!, { limit: MAX_NESTING_DEPTH }, opts);
    return { ast: emptyFile(text, commentNodes(lexed.comments)), diagnostics: [...lexProblems, diagnostic].sort(byPosition) };
  }
  const { cst, errors } = parseTokens(lexed.tokens);
  const builder = new AstBuilder(text, lexed.tokens, file);
  const ast = builder.build(cst, lexed.comments);
  const diagnostics = [...lexProblems, ...parseDiagnostics(errors, text.length, lexed.tokens, file), ...builder.diagnostics];
  return { ast, diagnostics: withoutEchoes(diagnostics, text).sort(byPosition) };
}

/** Parses one policy file. Never throws, for any input. */
export function parseDocument(text: string, file?: string): ParseResult {
  try {
    return parseUnguarded(text, file);
  } catch (e) {
    const reason = e instanceof RangeError ? 'the text is nested too deeply' : e instanceof Error ? e.message : String(e);
    const span = clampSpan({ start: 0, end: 0 }, text.length);
    const opts = file !== undefined ? { file } : {};
    return { ast: emptyFile(text), diagnostics: [syntaxDiagnostic('PV1099', span, { reason }, opts)] };
  }
}
