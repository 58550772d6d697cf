// Built-in rounding modes (the money module applies them; see engine/money/rounding.ts).
import { Decimal } from 'decimal.js';
import type { PluginApi, ProvisoPlugin, RoundingModeDef } from '../plugin-api.js';

export const ROUNDING_MODE_DEFS: readonly RoundingModeDef[] = [
  { name: 'half-up', doc: 'Round to the nearest minor unit; a tie (…5) rounds away from zero. The default.', examples: ['prorate daily rounding half-up'], decimalRounding: Decimal.ROUND_HALF_UP },
  { name: 'half-even', doc: "Round to the nearest minor unit; a tie rounds to the even digit (banker's rounding).", examples: ['prorate daily rounding half-even'], decimalRounding: Decimal.ROUND_HALF_EVEN },
  { name: 'up', doc: 'Round away from zero (a charge or a credit grows in magnitude).', examples: ['prorate whole-months rounding up'], decimalRounding: Decimal.ROUND_UP },
  { name: 'down', doc: 'Round toward zero (truncate).', examples: ['prorate daily rounding down precision 2'], decimalRounding: Decimal.ROUND_DOWN },
];

export const builtinRoundingModes: ProvisoPlugin = (api: PluginApi) => {
  for (const m of ROUNDING_MODE_DEFS) api.addRoundingMode(m);
};
