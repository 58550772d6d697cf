// The example plugin, end to end: rules/proviso.config.json declares
// ./vocabulary/holidays.js; a policy using nextBusinessDay checks clean, the
// manifest (editor completion, docs) lists it, and evaluation uses it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocuments } from '../../../dsl/check/check-documents.js';
import { loadProject } from '../../../api/config/load-project.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import { evaluateLine } from '../../../engine/evaluate/evaluate-line.js';
import { evaluatePeriod } from '../../../engine/evaluate/evaluate-period.js';
import { lineCtx } from '../evaluate/eval-fixtures.js';

const RULES = join(process.cwd(), 'rules');

const POLICY = `policy "Invoices skip bank holidays" {
  when line.billingType = "advance" and account.region is present and account.region = "EMEA"
  override billing date to nextBusinessDay(billingDate) reason "Bank holiday"
}`;

describe('holidays plugin via rules/proviso.config.json', () => {
  test('loads without diagnostics and registers its words with the plugin as origin', async () => {
    const p = await loadProject({ cwd: RULES });
    expect(p.diagnostics).toEqual([]);
    expect(p.config.plugins).toEqual(['./vocabulary/holidays.js']);
    expect(p.registry.function('nextBusinessDay')?.origin).toBe('./vocabulary/holidays.js');
  });

  test('a policy using nextBusinessDay checks clean; without the plugin it does not', async () => {
    const p = await loadProject({ cwd: RULES });
    const withPlugin = checkDocuments([{ file: 'h.policy', text: POLICY }], p.vocabulary);
    expect(withPlugin.diagnostics).toEqual([]);
    const bare = await loadProject({ cwd: join(RULES, 'vocabulary') }); // no config there: built-ins only
    expect(checkDocuments([{ file: 'h.policy', text: POLICY }], bare.vocabulary).hasErrors).toBe(true);
  });

  test('the manifest lists the plugin functions with signature, docs and examples', async () => {
    const m = (await loadProject({ cwd: RULES })).registry.manifest();
    const f = m.functions.find((x) => x.name === 'nextBusinessDay');
    expect(f).toMatchObject({ signature: 'nextBusinessDay(date: date) -> date', origin: './vocabulary/holidays.js' });
    expect(f?.doc).toContain('December 25');
    expect(f?.examples).toContain('override billing date to nextBusinessDay(billingDate)');
    expect(m.functions.find((x) => x.name === 'isHoliday')?.returns).toBe('boolean');
    expect(m.facts.find((x) => x.path === 'account.segment')?.values).toEqual(['smb', 'enterprise', 'strategic']);
  });

  test.each([
    ['Christmas Day (a Friday) moves past Boxing Day and the weekend', '2026-12-25', '2026-12-28'],
    ['New Year 2027 (a Friday) moves to Monday', '2027-01-01', '2027-01-04'],
    ['an ordinary Wednesday stays', '2026-03-04', '2026-03-04'],
    ['a Saturday moves to Monday', '2026-08-01', '2026-08-03'],
  ])('evaluation uses the plugin: %s', async (_name, natural, expected) => {
    const p = await loadProject({ cwd: RULES });
    const set = compilePolicies(checkDocuments([{ file: 'h.policy', text: POLICY }], p.vocabulary), p.registry);
    const ctx = lineCtx();
    expect(evaluateLine(set, ctx).periodScoped).toBe(true);
    const d = evaluatePeriod(set, ctx, natural);
    expect(d.errors).toEqual([]);
    expect(d.billingDate).toBe(expected);
  });

  test('the whole sample library checks clean and compiles with the project vocabulary', async () => {
    const p = await loadProject({ cwd: RULES });
    const docs = readdirSync(RULES)
      .filter((f) => f.endsWith('.policy'))
      .map((f) => ({ file: f, text: readFileSync(join(RULES, f), 'utf8') }));
    const model = checkDocuments(docs, p.vocabulary);
    expect(model.diagnostics).toEqual([]); // no errors, and no warnings either (missing facts are guarded)
    const set = compilePolicies(model, p.registry);
    expect(set.policies.length).toBe(model.policies.length);
    const d = evaluateLine(set, lineCtx());
    expect(d.errors).toEqual([]);
  });
});
