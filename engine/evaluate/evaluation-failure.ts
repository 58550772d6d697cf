// The typed error a compiled expression throws when it cannot decide (missing
// fact, wrong attribute type, division by zero, a failing function, an invalid
// date). The evaluator catches it per policy per line and reports it as an
// EvaluationError; it never aborts a run and is never turned into `false`.
import { evalMessage, type EvalCode } from './eval-codes.js';

/** V8 (Node, Chromium) reads `Error.stackTraceLimit`; other engines ignore it. */
const ErrorWithLimit = Error as ErrorConstructor & { stackTraceLimit?: number };

export class EvaluationFailure extends Error {
  override readonly name = 'EvaluationFailure';
  readonly code: EvalCode;
  /** The policy being evaluated (filled in by the evaluator when it catches the failure). */
  policy?: string;

  constructor(code: EvalCode, args: Readonly<Record<string, string | number>>, policy?: string) {
    // A failure is data about a line, not a bug: skip the stack capture, which
    // would dominate a run where one policy fails on many lines.
    const limit = ErrorWithLimit.stackTraceLimit;
    ErrorWithLimit.stackTraceLimit = 0;
    super(evalMessage(code, args));
    ErrorWithLimit.stackTraceLimit = limit;
    this.code = code;
    this.policy = policy;
  }
}
