import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from 'json-rules-engine';
import { checkDocuments } from '../../../dsl/index.js';
import { exportJre } from '../../../engine/interop/jre-export.js';
import { importJre } from '../../../engine/interop/jre-import.js';
import { JRE_CUSTOM_OPERATORS } from '../../../engine/interop/jre-types.js';
import { loadProject } from '../../../api/config/load-project.js';
import { checkText } from '../plan/policy-fixtures.js';

function exported(text: string) {
  const model = checkText(text);
  expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return exportJre(model);
}

describe('conditions', () => {
  test.each([
    ['equality on an attribute', 'account.region = "EMEA"', { all: [{ fact: 'account', path: '$.region', operator: 'equal', value: 'EMEA' }] }],
    ['and flattens into one all', 'account.region = "EMEA" and order.type = "new" and line.quantity > 5', { all: [
      { fact: 'account', path: '$.region', operator: 'equal', value: 'EMEA' },
      { fact: 'order', path: '$.type', operator: 'equal', value: 'new' },
      { fact: 'line', path: '$.quantity', operator: 'greaterThan', value: 5 },
    ] }],
    ['or inside and', 'account.region = "EMEA" and (order.type = "new" or order.type = "renewal")', { all: [
      { fact: 'account', path: '$.region', operator: 'equal', value: 'EMEA' },
      { any: [{ fact: 'order', path: '$.type', operator: 'equal', value: 'new' }, { fact: 'order', path: '$.type', operator: 'equal', value: 'renewal' }] },
    ] }],
    ['a literal on the left is mirrored', '10 < line.quantity', { all: [{ fact: 'line', path: '$.quantity', operator: 'greaterThan', value: 10 }] }],
    ['in and not in', 'account.segment in ["enterprise"] and order.channel not in ["partner"]', { all: [
      { fact: 'account', path: '$.segment', operator: 'in', value: ['enterprise'] },
      { fact: 'order', path: '$.channel', operator: 'notIn', value: ['partner'] },
    ] }],
    ['presence', 'order.poNumber is missing', { all: [{ fact: 'order', path: '$.poNumber', operator: 'equal', value: null }] }],
    ['between on dates', 'billingDate between 2026-12-24 and 2027-01-03', { all: [
      { fact: 'billingDate', operator: 'greaterThanInclusive', value: '2026-12-24' },
      { fact: 'billingDate', operator: 'lessThanInclusive', value: '2027-01-03' },
    ] }],
    ['word operators become custom operators', 'product.code starts with "SUP" and product.name contains "Gold"', { all: [
      { fact: 'product', path: '$.code', operator: 'startsWith', value: 'SUP' },
      { fact: 'product', path: '$.name', operator: 'stringContains', value: 'Gold' },
    ] }],
    ['list contains a fact is membership', '["EMEA", "APAC"] contains account.region', { all: [{ fact: 'account', path: '$.region', operator: 'in', value: ['EMEA', 'APAC'] }] }],
    ['not', 'not (product.code starts with "SUP")', { not: { fact: 'product', path: '$.code', operator: 'startsWith', value: 'SUP' } }],
    ['two facts compared', 'line.startDate < contract.startDate', { all: [{ fact: 'line', path: '$.startDate', operator: 'lessThan', value: { fact: 'contract', path: '$.startDate' } }] }],
  ])('%s', (_n, when, conditions) => {
    const r = exported(`policy "P" {\n  when ${when}\n  hold billing\n}`);
    expect(r.diagnostics).toEqual([]);
    expect(r.document.rules[0].conditions).toEqual(conditions);
  });
});

test('effects become the event; priorities shift to >= 1 and keep the exact value in params', () => {
  const r = exported(`policy "A" {\n priority -5\n when account.region = "EMEA"\n hold billing until order.poNumber is present reason "PO"\n}\npolicy "B" {\n priority 10\n billing day of month 1\n align amendments to original\n prorate daily rounding half-even\n}`);
  expect(r.document.rules.map((x) => [x.name, x.priority])).toEqual([['A', 1], ['B', 16]]);
  expect(r.document.rules[0].event).toEqual({
    type: 'hold',
    params: { policy: 'A', priority: -5, hold: [{ reason: 'PO', until: { all: [{ fact: 'order', path: '$.poNumber', operator: 'notEqual', value: null }] } }] },
  });
  expect(r.document.rules[1].event).toEqual({
    type: 'policy',
    params: { policy: 'B', priority: 10, billingDay: 1, align: 'original', prorate: { method: 'daily', rounding: 'half-even' } },
  });
});

test.each([
  ['arithmetic', 'line.seats * line.unitPrice >= 50000', '*'],
  ['a function call', 'daysBetween(order.activatedDate, today) <= 3', 'daysBetween'],
])('what json-rules-engine cannot express is a diagnostic at its position: %s', (_n, when, fragment) => {
  const text = `policy "P" {\n  when line.seats is present and ${when}\n  hold billing\n}`;
  const r = exported(text);
  expect(r.skipped).toEqual(['P']);
  expect(r.document.rules).toEqual([]);
  const d = r.diagnostics[0];
  expect(d).toMatchObject({ code: 'PV5001', severity: 'error', file: 'test.policy' });
  expect(text.slice(d.span.start, d.span.end)).toContain(fragment);
});

test('an override to a computed date is kept as DSL text with a warning', () => {
  const r = exported('policy "W" {\n  when product.code starts with "SUP"\n  override billing date to nextWeekday(billingDate)\n}');
  expect(r.document.rules[0].event.params).toMatchObject({ override: { expression: 'nextWeekday(billingDate)' } });
  expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['PV5002', 'warning']]);
});

test('the sample library: every policy is exported or named with a position; round trip through import', async () => {
  const dir = 'rules';
  const project = await loadProject({ cwd: process.cwd(), configPath: join(dir, 'proviso.config.json') });
  const docs = readdirSync(dir).filter((f) => f.endsWith('.policy')).sort().map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  const model = checkDocuments(docs, project.registry.vocabulary());
  expect(model.hasErrors).toBe(false);
  const r = exportJre(model);
  expect(r.document.rules.length + r.skipped.length).toBe(model.policies.length);
  for (const d of r.diagnostics) expect(d.span.end).toBeGreaterThan(d.span.start);
  const back = importJre(r.document);
  expect(back.problems).toEqual([]);
  const again = checkDocuments([{ file: 'imported.policy', text: back.text }], project.registry.vocabulary());
  expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(again.policies.map((p) => p.name)).toEqual(r.document.rules.map((x) => x.name));
});

test('exported rules run in json-rules-engine with the custom operators', async () => {
  const r = exported('policy "P" {\n  when product.code starts with "SUP" and account.region in ["EMEA"]\n  hold billing reason "x"\n}');
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, op] of Object.entries(JRE_CUSTOM_OPERATORS)) engine.addOperator(name, op.fn);
  for (const rule of r.document.rules) engine.addRule(rule as never);
  const hit = await engine.run({ product: { code: 'SUP-GOLD' }, account: { region: 'EMEA' } });
  const miss = await engine.run({ product: { code: 'LIC' }, account: { region: 'EMEA' } });
  expect(hit.events.map((e) => e.type)).toEqual(['hold']);
  expect(miss.events).toEqual([]);
});
