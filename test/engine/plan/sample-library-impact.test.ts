// The editor's first surprise (issue 8): change the sample enterprise policy's
// billing day from 1 to 15 and look at the impact on the demo book. Billed
// coverage is never billed again, so the change moves cycles instead of
// billing March–December a second time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocuments } from '../../../dsl/index.js';
import { loadProject } from '../../../api/config/load-project.js';
import { parseOrderBook } from '../../../engine/book/validate-book.js';
import type { OrderBook } from '../../../engine/book/book-types.js';
import { toDayNumber } from '../../../engine/calendar/civil-date.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import { Dec } from '../../../engine/money/decimal.js';
import { compareSimulations } from '../../../engine/plan/impact.js';
import { simulate } from '../../../engine/plan/planner.js';

const RULES = join(process.cwd(), 'rules');
const AS_OF = '2026-12-01';

async function library(edit: (file: string, text: string) => string) {
  const project = await loadProject({ cwd: RULES });
  const docs = readdirSync(RULES)
    .filter((f) => f.endsWith('.policy'))
    .sort()
    .map((f) => ({ file: f, text: edit(f, readFileSync(join(RULES, f), 'utf8')) }));
  const model = checkDocuments(docs, project.registry.vocabulary());
  expect(model.hasErrors).toBe(false);
  return { set: compilePolicies(model, project.registry), registry: project.registry };
}

function demoBook(): OrderBook {
  const r = parseOrderBook(JSON.parse(readFileSync(join(RULES, 'demo-book.json'), 'utf8')));
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.book;
}

test('billing day 1 -> 15 in the enterprise policy: no covered day is charged again, and the move is credited or stubbed, not re-billed', async () => {
  const book = demoBook();
  const published = await library((_f, t) => t);
  const draft = await library((f, t) => (f.startsWith('03-') ? t.replace('billing day of month 1', 'billing day of month 15') : t));
  const before = simulate(book, AS_OF, published.set, published.registry);
  const after = simulate(book, AS_OF, draft.set, draft.registry);
  expect(after.warnings).toEqual([]);

  const covered = new Map<string, [number, number][]>();
  for (const e of book.invoiced) {
    const list = covered.get(e.orderProductId) ?? [];
    list.push([toDayNumber(e.periodStart), toDayNumber(e.periodEnd!)]);
    covered.set(e.orderProductId, list);
  }
  const charges = after.invoices.flatMap((i) => i.lines).filter((l) => l.kind === 'charge');
  expect(charges.length).toBeGreaterThan(0);
  for (const l of charges) {
    const [a, b] = [toDayNumber(l.periodStart), toDayNumber(l.periodEnd)];
    for (const [s, e] of covered.get(l.orderProductId) ?? []) expect(a > e || b < s).toBe(true);
  }
  // the book is billed through 2026-10-31. Moving the day later only delays billing: the Dec 1 run
  // bills 11-01..11-14 (the uncovered days of the moved cycle 10-15..11-14) and 11-15..12-14
  // instead of November and December (before billed coverage it billed the whole year again)
  const impact = compareSimulations(before, after);
  expect(impact.total.map((t) => t.currency)).toEqual(['EUR', 'GBP', 'JPY', 'USD']);
  for (const t of impact.total) expect(new Dec(t.delta).lte(0)).toBe(true);
  const moved = impact.changed.filter((c) => c.before.periodStart === '2026-11-01' && c.before.periodEnd === '2026-11-30');
  expect(moved.length).toBeGreaterThan(10);
  for (const { after: l } of moved) {
    expect([l.kind, l.periodStart, l.periodEnd]).toEqual(['charge', '2026-11-01', '2026-11-14']);
    expect(l.trace).toContainEqual(expect.objectContaining({ set: 'coverage', value: expect.stringMatching(/^bills 2026-11-01\.\.2026-11-14 of the period 2026-10-\d\d\.\.2026-11-14: the rest of it was billed before$/) }));
  }
  const next = new Set(impact.added.filter((l) => l.periodStart === '2026-11-15').map((l) => l.orderProductId));
  for (const { after: l } of moved) expect(next.has(l.orderProductId)).toBe(true);
});
