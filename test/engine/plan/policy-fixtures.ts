// Real policy text -> checked model -> compiled set, with the sample attributes.
import { checkDocuments } from '../../../dsl/index.js';
import type { PolicyModel } from '../../../dsl/check/policy-model.js';
import { compilePolicies, type CompiledPolicySet } from '../../../engine/evaluate/compile-policies.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import type { Registry } from '../../../engine/vocabulary/registry.js';

export const ATTRIBUTES = {
  account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'], creditStatus: ['good', 'watch', 'blocked'] },
  order: { channel: 'string' },
  line: { costCenter: 'string', seats: 'decimal' },
} as const;

export const registry: Registry = createRegistry({ attributes: ATTRIBUTES });

export function checkText(text: string, file = 'test.policy'): PolicyModel {
  return checkDocuments([{ file, text }], registry.vocabulary());
}

export function compileText(text: string): CompiledPolicySet {
  const model = checkText(text);
  if (model.hasErrors) {
    throw new Error(model.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`).join('\n'));
  }
  return compilePolicies(model, registry);
}
