// Built-in word operators. `contains` works on text (substring) and on lists
// (membership); `starts with` and `ends with` on text.
import { Decimal } from 'decimal.js';
import type { DslType } from '../../../dsl/vocabulary/vocabulary-types.js';
import type { OperatorDef, PluginApi, ProvisoPlugin } from '../plugin-api.js';
import { valuesEqual } from '../value-equality.js';
import type { Value } from '../runtime-values.js';

const STRING: DslType = { kind: 'string' };
const ANY: DslType = { kind: 'any' };

export class OperatorTypeError extends Error {
  override readonly name = 'OperatorTypeError';
}

const text = (op: string, side: string, v: Value): string => {
  if (typeof v !== 'string') throw new OperatorTypeError(`\`${op}\` needs text on the ${side}, got ${Decimal.isDecimal(v) ? 'a decimal' : typeof v}`);
  return v;
};

export const OPERATORS: readonly OperatorDef[] = [
  {
    name: 'contains', left: ANY, right: ANY,
    doc: 'Text contains text (case-sensitive substring), or a list contains an element.',
    examples: ['product.name contains "Support"', '["EMEA", "APAC"] contains account.region'],
    test: (left, right) => {
      if (Array.isArray(left)) return left.some((x) => valuesEqual(x, right));
      return text('contains', 'left', left).includes(text('contains', 'right', right));
    },
  },
  {
    name: 'starts with', left: STRING, right: STRING,
    doc: 'Text starts with the given prefix (case-sensitive).',
    examples: ['product.code starts with "SUP"'],
    test: (left, right) => text('starts with', 'left', left).startsWith(text('starts with', 'right', right)),
  },
  {
    name: 'ends with', left: STRING, right: STRING,
    doc: 'Text ends with the given suffix (case-sensitive).',
    examples: ['product.code ends with "-EU"'],
    test: (left, right) => text('ends with', 'left', left).endsWith(text('ends with', 'right', right)),
  },
];

export const builtinOperators: ProvisoPlugin = (api: PluginApi) => {
  for (const o of OPERATORS) api.addOperator(o);
};
