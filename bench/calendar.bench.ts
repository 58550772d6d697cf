// `npm run bench:calendar`: billing-period generation for 100,000 lines x 12
// periods (a year of monthly catch-up), mixed billing days 1–31 and start dates,
// so a quarter of the lines start with a leading stub. Prints periods/s of the
// integer calendar (periods()), of the lazy iteratePeriods(), the daily factor
// rate on the stubs, and the ratio against a straightforward luxon reference that
// builds the same periods with DateTime objects (anchor.plus({ months })).
// Figures only, no asserts.
import { DateTime, Settings } from 'luxon';
import { addMonthsClamped, fromDayNumber, toDayNumber } from '../engine/calendar/civil-date.js';
import { iteratePeriods, periods, type CycleSpec, type Period } from '../engine/calendar/periods.js';
import { daily } from '../engine/proration/daily.js';

Settings.throwOnInvalid = true;
Settings.defaultZone = 'UTC';

const LINES = 100_000;
const PERIODS_PER_LINE = 12;

// Deterministic line mix (xorshift32).
let seed = 0x9e3779b9;
function next(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}

const firstDay = toDayNumber('2025-01-01');
const specs: CycleSpec[] = [];
for (let i = 0; i < LINES; i++) {
  const startDate = fromDayNumber(firstDay + Math.floor(next() * 365));
  const onStart = next() < 0.75;
  const billingDay = onStart ? Number(startDate.slice(8)) : 1 + Math.floor(next() * 31);
  specs.push({ startDate, endDate: null, billingDay, months: 1 });
}
// An until date that gives every line at least 12 periods (the day 1 of the 12th month after its start).
const untils = specs.map((s) => addMonthsClamped(s.startDate, PERIODS_PER_LINE, 1));

function timeIt(label: string, run: () => number): number {
  run(); // warm up
  let best = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    count = run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const rate = count / best;
  console.log(`${label}: ${count.toLocaleString('en-US')} in ${(best * 1000).toFixed(0)} ms = ${Math.round(rate).toLocaleString('en-US')}/s`);
  return rate;
}

const periodsRate = timeIt('calendar periods()', () => {
  let n = 0;
  for (let i = 0; i < LINES; i++) n += Math.min(periods(specs[i], untils[i]).length, PERIODS_PER_LINE);
  return n;
});

const iterRate = timeIt('calendar iteratePeriods()', () => {
  let n = 0;
  for (let i = 0; i < LINES; i++) {
    let k = 0;
    for (const p of iteratePeriods(specs[i])) {
      if (++k === PERIODS_PER_LINE) break;
      void p;
    }
    n += k;
  }
  return n;
});

const stubs: Period[] = [];
for (let i = 0; i < LINES; i++) {
  const first = periods(specs[i], specs[i].startDate)[0];
  if (first.kind !== 'full') stubs.push(first);
}
timeIt(`daily factor on ${stubs.length.toLocaleString('en-US')} leading stubs`, () => {
  let n = 0;
  for (const s of stubs) {
    daily(s, s.full);
    n++;
  }
  return n;
});

// Reference: the same periods built with luxon DateTime objects, from the anchor.
function luxonPeriods(spec: CycleSpec, count: number): { start: string; end: string }[] {
  const D = spec.billingDay === 'last' ? 31 : spec.billingDay;
  const s = DateTime.fromISO(spec.startDate);
  const clampIn = (m: DateTime): DateTime => m.set({ day: Math.min(D, m.daysInMonth as number) });
  const thisMonth = clampIn(s.startOf('month'));
  const anchor = thisMonth >= s ? s.startOf('month') : s.startOf('month').plus({ months: 1 });
  const out: { start: string; end: string }[] = [];
  let start: DateTime = s;
  for (let k = 0; out.length < count; k++) {
    const boundary = clampIn(anchor.plus({ months: k }));
    if (boundary <= start) continue;
    out.push({ start: start.toISODate() as string, end: boundary.minus({ days: 1 }).toISODate() as string });
    start = boundary;
  }
  return out;
}

// Check the reference agrees before timing it.
for (let i = 0; i < 1000; i++) {
  const ours = periods(specs[i], untils[i]).slice(0, PERIODS_PER_LINE).map((p) => `${p.start}..${p.end}`).join();
  const ref = luxonPeriods(specs[i], PERIODS_PER_LINE).map((p) => `${p.start}..${p.end}`).join();
  if (ours !== ref) console.log(`reference disagrees on line ${i}: ${JSON.stringify(specs[i])}\n ours ${ours}\n luxon ${ref}`);
}
const REF_LINES = 10_000;
const luxonRate = timeIt(`luxon reference (${REF_LINES.toLocaleString('en-US')} lines)`, () => {
  let n = 0;
  for (let i = 0; i < REF_LINES; i++) n += luxonPeriods(specs[i], PERIODS_PER_LINE).length;
  return n;
});

console.log(
  `calendar: ${Math.round(periodsRate).toLocaleString('en-US')} periods/s (iterate ${Math.round(iterRate).toLocaleString('en-US')}/s), ` +
    `${(periodsRate / luxonRate).toFixed(1)}x luxon`,
);
