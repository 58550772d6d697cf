// `none`: no proration; a stub bills as its whole full period (factor 1).

import { ONE } from './factor-cache.js';
import { checkRanges } from './proration-range.js';
import type { ProrationFn } from './proration-types.js';

export const noneDoc = 'No proration: a stub is billed as the full period (factor 1).';

export const none: ProrationFn = (stub, full) => {
  checkRanges(stub, full);
  return ONE;
};
