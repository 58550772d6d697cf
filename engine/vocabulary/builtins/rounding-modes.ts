// Built-in rounding modes (the money module applies them; see engine/money/rounding.ts).
import { Decimal } from 'decimal.js';
import { ROUNDING_MODE_DOCS } from '../../money/rounding.js';
import type { PluginApi, ProvisoPlugin, RoundingModeDef } from '../plugin-api.js';

export const ROUNDING_MODE_DEFS: readonly RoundingModeDef[] = [
  { name: 'half-up', doc: ROUNDING_MODE_DOCS['half-up'], examples: ['prorate daily rounding half-up'], decimalRounding: Decimal.ROUND_HALF_UP },
  { name: 'half-even', doc: ROUNDING_MODE_DOCS['half-even'], examples: ['prorate daily rounding half-even'], decimalRounding: Decimal.ROUND_HALF_EVEN },
  { name: 'up', doc: ROUNDING_MODE_DOCS['up'], examples: ['prorate whole-months rounding up'], decimalRounding: Decimal.ROUND_UP },
  { name: 'down', doc: ROUNDING_MODE_DOCS['down'], examples: ['prorate daily rounding down precision 2'], decimalRounding: Decimal.ROUND_DOWN },
];

export const builtinRoundingModes: ProvisoPlugin = (api: PluginApi) => {
  for (const m of ROUNDING_MODE_DEFS) api.addRoundingMode(m);
};
