// Helpers for comparing trees in tests (not a test file).
import type { PolicyFile } from '../../../dsl/ast/ast-types.js';

/** The AST without positions, for comparing trees. */
export function withoutSpans(ast: PolicyFile): unknown {
  return JSON.parse(JSON.stringify(ast, (key, value) => (key === 'span' || key === 'opSpan' ? undefined : value)));
}
