// A simulation with its words: each hold's `explanation`, each line's
// `explanation` and `traceWords` (explain-words.ts). What /api/simulate
// answers, so the editor shows the service's sentences and has none of its own.
import type { SimulationResult } from '../results/index.js';
import { holdText, withWords } from './explain-words.js';

export function explainSimulation(result: SimulationResult) {
  return {
    ...result,
    invoices: result.invoices.map((inv) => ({ ...inv, lines: inv.lines.map((l) => withWords(l, inv.currency)) })),
    holds: result.holds.map((h) => ({ ...h, explanation: holdText(h.reasons, h.policies) })),
  };
}
