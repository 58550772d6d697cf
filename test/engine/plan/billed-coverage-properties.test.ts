// Properties of billing over time (issue 8), over random lines, sequences of
// runs, billing-day changes, end-date changes and early overrides:
//   (1) no day of an order product's coverage is charged twice across runs;
//   (2) days charged minus days credited are exactly the days one run over the
//       final book charges from scratch;
//   (3) planning again after billing the plan yields nothing;
//   (4) the timeline's due charges and credits equal the planner's lines.
// fast-check prints the seed and the shrunk case on failure.
import fc from 'fast-check';
import type { InvoicedPeriod, OrderBook, OrderProduct } from '../../../engine/book/book-types.js';
import { addDays, fromDayNumber, toDayNumber } from '../../../engine/calendar/civil-date.js';
import { invoicedAfter } from '../../../engine/plan/billed-coverage.js';
import { NO_POLICIES, type PlanEvaluator } from '../../../engine/plan/plan-evaluator.js';
import { simulate } from '../../../engine/plan/planner.js';
import { timeline } from '../../../engine/plan/timeline.js';
import type { InvoiceLine } from '../../../engine/results/index.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { book, line } from './book-fixtures.js';

const registry = createRegistry();
const RUNS = 80;
const BASE = toDayNumber('2024-01-01');

type Change = { kind: 'none' } | { kind: 'billingDay'; day: number | null } | { kind: 'endDate'; offset: number | null };
interface Scenario {
  readonly line: OrderProduct;
  readonly shift: number;
  readonly steps: readonly { readonly advance: number; readonly change: Change }[];
}

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constant<Change>({ kind: 'none' }),
  fc.record({ kind: fc.constant('billingDay' as const), day: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }) }),
  fc.record({ kind: fc.constant('endDate' as const), offset: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }) }),
);

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    start: fc.integer({ min: 0, max: 700 }),
    frequency: fc.constantFrom('monthly', 'quarterly', 'semiannual', 'annual') as fc.Arbitrary<OrderProduct['billingFrequency']>,
    billingType: fc.constantFrom('advance', 'arrears') as fc.Arbitrary<OrderProduct['billingType']>,
    billingDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
    end: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
    shift: fc.constantFrom(0, 0, 5, 30),
    steps: fc.array(fc.record({ advance: fc.integer({ min: 0, max: 200 }), change }), { minLength: 1, maxLength: 5 }),
  })
  .map(({ start, frequency, billingType, billingDay, end, shift, steps }) => {
    const startDate = fromDayNumber(BASE + start);
    return {
      line: line({ startDate, endDate: end === null ? null : addDays(startDate, end), billingFrequency: frequency, billingType, billingDayOfMonth: billingDay, quantity: '3', unitPrice: '70.00' }),
      shift,
      steps,
    };
  });

/** Overrides every period's billing date `shift` days earlier (0: no policy at all). */
function evaluatorFor(shift: number): PlanEvaluator {
  if (shift === 0) return NO_POLICIES;
  return {
    line: (ctx) => ({ ...NO_POLICIES.line(ctx), periodScoped: true }),
    period: (_ctx, natural) => {
      const moved = addDays(natural, -shift);
      return { billingDate: moved, override: { value: moved, policy: 'Early' }, errors: [] };
    },
  };
}

const apply = (l: OrderProduct, c: Change): OrderProduct => {
  if (c.kind === 'billingDay') return { ...l, billingDayOfMonth: c.day };
  if (c.kind === 'endDate') return { ...l, endDate: c.offset === null ? null : addDays(l.startDate, c.offset) };
  return l;
};

const linesOf = (b: OrderBook, asOf: string, ev: PlanEvaluator): InvoiceLine[] => {
  const r = simulate(b, asOf, ev, registry);
  if (r.errors.length > 0) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.invoices.flatMap((i) => i.lines);
};

/** Days covered per day number (a day covered twice counts twice). */
function dayCounts(invoiced: readonly InvoicedPeriod[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const e of invoiced) {
    for (let d = toDayNumber(e.periodStart); d <= toDayNumber(e.periodEnd!); d++) m.set(d, (m.get(d) ?? 0) + 1);
  }
  return m;
}

function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

const show = (ls: readonly InvoiceLine[]) => ls.map((l) => [l.kind, l.periodStart, l.periodEnd, l.billingDate, l.amount]);

/** Runs the scenario; checks (1), (3) and (4) after each run; returns the final book and date. */
function run(s: Scenario): { book: OrderBook; asOf: string } {
  const ev = evaluatorFor(s.shift);
  let current = s.line;
  let invoiced: InvoicedPeriod[] = [];
  let asOf = current.startDate;
  const step = (at: string): void => {
    const b = book({ lines: [current], invoiced });
    const planned = linesOf(b, at, ev);
    // (4) the timeline shows what billing does
    const t = timeline(b, 'OP1', current.startDate, monthsBetween(current.startDate, at) + 15, ev, registry, { asOf: at });
    expect(t.errors).toEqual([]);
    const fromTimeline = [
      ...t.periods.filter((p) => p.due).flatMap((p) => p.charges.map((c) => ['charge', c.start, c.end, c.billingDate, c.amount])),
      ...show(t.credits),
    ];
    expect(fromTimeline.sort()).toEqual(show(planned).sort());
    invoiced = invoicedAfter(invoiced, planned);
    // (1) no day covered twice
    for (const [, n] of dayCounts(invoiced)) expect(n).toBe(1);
    // (3) planning again yields nothing
    expect(linesOf(book({ lines: [current], invoiced }), at, ev)).toEqual([]);
  };
  for (const { advance, change: c } of s.steps) {
    asOf = addDays(asOf, advance);
    current = apply(current, c);
    step(asOf);
  }
  // the final book has an end; a run well after it bills the whole term
  if (current.endDate === null) current = { ...current, endDate: addDays(current.startDate, 500) };
  const last = addDays(current.endDate!, 40);
  asOf = last > asOf ? last : asOf;
  step(asOf);
  return { book: book({ lines: [current], invoiced }), asOf };
}

test('(1)(3)(4) over runs with billing-day and end-date changes: no day twice, idempotent, timeline = planner', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      run(s);
    }),
    { numRuns: RUNS },
  );
});

test('(2) days charged minus days credited = the days one run over the final book charges from scratch', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { book: final, asOf } = run(s);
      const fresh = linesOf({ ...final, invoiced: [] }, asOf, evaluatorFor(s.shift));
      const freshDays = dayCounts(fresh.map((l) => ({ orderProductId: l.orderProductId, periodStart: l.periodStart, periodEnd: l.periodEnd })));
      expect([...dayCounts(final.invoiced).entries()].sort((a, b) => a[0] - b[0])).toEqual([...freshDays.entries()].sort((a, b) => a[0] - b[0]));
    }),
    { numRuns: RUNS },
  );
});
