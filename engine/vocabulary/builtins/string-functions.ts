// Built-in string functions.
import { Dec } from '../../money/decimal.js';
import type { DslType } from '../../../dsl/vocabulary/vocabulary-types.js';
import type { FunctionDef, PluginApi, ProvisoPlugin } from '../plugin-api.js';

const STRING: DslType = { kind: 'string' };
const oneString = [{ name: 'text', type: STRING }] as const;

export const STRING_FUNCTIONS: readonly FunctionDef[] = [
  {
    name: 'upper', params: oneString, returns: STRING,
    doc: 'The text in upper case.',
    examples: ['upper(account.currency) = "EUR"'],
    impl: (text) => (text as string).toUpperCase(),
  },
  {
    name: 'lower', params: oneString, returns: STRING,
    doc: 'The text in lower case.',
    examples: ['lower(product.name) contains "support"'],
    impl: (text) => (text as string).toLowerCase(),
  },
  {
    name: 'length', params: oneString, returns: { kind: 'decimal' },
    doc: 'Number of characters in the text.',
    examples: ['length(order.poNumber) >= 6'],
    impl: (text) => new Dec([...(text as string)].length),
  },
];

export const builtinStringFunctions: ProvisoPlugin = (api: PluginApi) => {
  for (const f of STRING_FUNCTIONS) api.addFunction(f);
};
