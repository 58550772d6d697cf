// Reconciliation of today's periods with billed coverage (DESIGN §3 "Billed
// coverage"): a covered day is never charged again; a partly covered period
// charges its uncovered days as a stub of its full period; coverage outside
// the line's term today (an end date brought forward, a start moved later, a
// line with no day left to bill) is credited against what was billed.
import { addDays, addMonthsClamped, daysInclusive, toDayNumber } from '../calendar/civil-date.js';
import type { Period } from '../calendar/periods.js';
import { Dec } from '../money/decimal.js';
import type { PlannedLine, TraceEntry } from '../results/index.js';
import { dayText, outsideTerm, uncovered, type Coverage, type DayRange } from './billed-coverage.js';
import type { LinePricer } from './line-pricer.js';
import type { LineSchedule } from './line-schedule.js';
import type { DatedPeriod } from './period-generator.js';

/** The charges of one dated period: the whole period, or its uncovered days, or nothing when it is covered. */
export function chargesOf(dp: DatedPeriod, merged: readonly DayRange[] | undefined, pricer: LinePricer): PlannedLine[] {
  const { period } = dp;
  if (merged === undefined || merged.length === 0) return [pricer.charge(period, period, dp.billingDate, dp.overrideTrace)];
  const a = toDayNumber(period.start);
  const b = toDayNumber(period.end);
  const pieces = uncovered(a, b, merged);
  if (pieces.length === 1 && pieces[0][0] === a && pieces[0][1] === b) return [pricer.charge(period, period, dp.billingDate, dp.overrideTrace)];
  return pieces.map(([s, e]) => {
    const days = { start: dayText(s), end: dayText(e) };
    return pricer.charge(period, days, dp.billingDate, dp.overrideTrace, coverageNote(period, days));
  });
}

function coverageNote(period: Period, days: { start: string; end: string }): TraceEntry {
  return {
    policy: 'billed coverage',
    set: 'coverage',
    value: `bills ${days.start}..${days.end} of the period ${period.start}..${period.end}: the rest of it was billed before`,
  };
}

/** True when no day of the period is left to charge. */
export function coverageOfPeriod(period: Period, merged: readonly DayRange[] | undefined): 'none' | 'partial' | 'full' {
  if (merged === undefined || merged.length === 0) return 'none';
  const a = toDayNumber(period.start);
  const b = toDayNumber(period.end);
  const pieces = uncovered(a, b, merged);
  if (pieces.length === 0) return 'full';
  return pieces.length === 1 && pieces[0][0] === a && pieces[0][1] === b ? 'none' : 'partial';
}

/**
 * Credits for the billed coverage the line no longer owes: every billed day
 * outside today's term, per billed entry, dated `asOf`.
 */
export function creditsOf(schedule: LineSchedule, coverage: readonly Coverage[], pricer: LinePricer, asOf: string): PlannedLine[] {
  if (coverage.length === 0) return [];
  const term = schedule.term;
  const ts = term ? toDayNumber(term.start) : 0;
  const te = term ? (term.end === null ? null : toDayNumber(term.end)) : 0;
  const out: PlannedLine[] = [];
  for (const c of coverage) {
    const parts = term ? outsideTerm(c.start, c.end, ts, te) : [{ range: [c.start, c.end] as DayRange, side: 'after' as const }];
    if (parts.length === 0) continue;
    const estimated = c.amount === undefined;
    const billed = estimated ? estimateBilled(c, schedule, pricer) : new Dec(c.amount!);
    for (const { range, side } of parts) {
      const reason = !term
        ? `the line no longer bills (${schedule.noTermReason ?? 'no day of it is due'})`
        : side === 'after'
          ? `end date moved to ${term.end}`
          : `start date moved to ${term.start}`;
      out.push(pricer.credit(c, billed, estimated, { start: dayText(range[0]), end: dayText(range[1]) }, reason, asOf));
    }
  }
  return out;
}

/**
 * A billed amount the book does not give: what today's price gives for that
 * range, as the current period when it is one, else by days of one cycle
 * starting on the entry's start (one-time: the price).
 */
function estimateBilled(c: Coverage, schedule: LineSchedule, pricer: LinePricer): Dec {
  if (schedule.months === null) return new Dec(pricer.round(pricer.basePrice));
  const whole = schedule.periodsUntil(c.startDate).find((p) => p.start === c.startDate && p.end === c.endDate);
  if (whole) return new Dec(pricer.round(pricer.rawAmountOf(whole)));
  const cycleEnd = addDays(addMonthsClamped(c.startDate, schedule.months, Number(c.startDate.slice(8, 10))), -1);
  return new Dec(pricer.round(pricer.basePrice.mul(c.end - c.start + 1).div(daysInclusive(c.startDate, cycleEnd))));
}
