// Property: for random conditions and random facts, the compiled evaluator and
// json-rules-engine running the exported rules agree on which policies apply.
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { exportJre } from '../../../engine/interop/jre-export.js';
import { jreFacts } from '../../../engine/interop/jre-facts.js';
import { JRE_CUSTOM_OPERATORS } from '../../../engine/interop/jre-types.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import type { LineContext } from '../../../engine/results/index.js';
import { account, line, order } from '../plan/book-fixtures.js';
import { checkText, registry } from '../plan/policy-fixtures.js';

const str = (xs: string[]) => fc.constantFrom(...xs);
const quoted = (s: string) => JSON.stringify(s);
const list = (xs: string[]) => fc.uniqueArray(str(xs), { minLength: 1, maxLength: 3 }).map((v) => `[${v.map(quoted).join(', ')}]`);

const REGIONS = ['EMEA', 'NA', 'APAC'];
const SEGMENTS = ['smb', 'enterprise', 'strategic'];
const TYPES = ['new', 'amendment', 'renewal'];
const CHANNELS = ['direct', 'partner', 'online'];
const CODES = ['SUP-GOLD', 'LIC-PRO', 'HOST-XL', 'SETUP-FEE'];
const DECIMALS = ['-2', '0', '1', '2.5', '10', '49.99', '100'];
const DATES = ['2025-12-31', '2026-01-01', '2026-01-15', '2026-02-28', '2026-03-01'];

const cmp = str(['=', '!=', '<', '<=', '>', '>=']);
const stringField = (field: string, values: string[]) =>
  fc.oneof(
    fc.tuple(str(['=', '!=']), str(values)).map(([op, v]) => `${field} ${op} ${quoted(v)}`),
    fc.tuple(fc.boolean(), list(values)).map(([neg, l]) => `${field} ${neg ? 'not in' : 'in'} ${l}`),
  );
const leaf = fc.oneof(
  stringField('account.region', REGIONS),
  stringField('account.segment', SEGMENTS),
  stringField('order.type', TYPES),
  stringField('order.channel', CHANNELS),
  stringField('product.code', CODES),
  fc.tuple(str(['starts with', 'contains', 'ends with']), str(['SUP', 'O', '-', 'XL', 'FEE'])).map(([op, v]) => `product.code ${op} ${quoted(v)}`),
  fc.tuple(str(['line.quantity', 'line.unitPrice']), cmp, str(DECIMALS)).map(([f, op, v]) => `${f} ${op} ${v}`),
  fc.tuple(str(DECIMALS), str(DECIMALS)).map(([a, b]) => (Number(a) <= Number(b) ? [a, b] : [b, a])).map(([a, b]) => `line.quantity between ${a} and ${b}`),
  fc.tuple(cmp, str(DATES)).map(([op, v]) => `line.startDate ${op} ${v}`),
  fc.tuple(str(DATES), str(DATES)).map(([a, b]) => (a <= b ? [a, b] : [b, a])).map(([a, b]) => `line.startDate between ${a} and ${b}`),
  fc.boolean().map((p) => `order.poNumber ${p ? 'is present' : 'is missing'}`),
);
const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('c'), str(['and', 'or']), tie('c')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('c').map((c) => `not (${c})`),
  ),
})).c;

const facts = fc
  .record({
    region: str(REGIONS),
    segment: str(SEGMENTS),
    type: str(TYPES),
    channel: str(CHANNELS),
    code: str(CODES),
    quantity: str(DECIMALS),
    unitPrice: str(DECIMALS),
    startDate: str(DATES),
    po: fc.option(str(['PO-1', 'PO-2']), { nil: null }),
  })
  .map(
    (f): LineContext => ({
      account: account({ attributes: { region: f.region, segment: f.segment } }),
      contract: null,
      order: order({ type: f.type as 'new', poNumber: f.po, attributes: { channel: f.channel } }),
      line: line({ productCode: f.code, quantity: f.quantity, unitPrice: f.unitPrice, startDate: f.startDate }),
      original: null,
      today: '2026-03-01',
    }),
  );

test('compiled evaluation equals json-rules-engine on the exported rules', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(condition, { minLength: 1, maxLength: 6 }), fc.array(facts, { minLength: 1, maxLength: 6 }), async (conds, contexts) => {
      const text = conds.map((c, i) => `policy "P${i}" {\n  when ${c}\n  hold billing reason "r${i}"\n}`).join('\n');
      const model = checkText(text);
      const errors = model.diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
      const set = compilePolicies(model, registry);
      const { document, skipped } = exportJre(model);
      expect(skipped).toEqual([]);
      const engine = new Engine([], { allowUndefinedFacts: true });
      for (const [name, op] of Object.entries(JRE_CUSTOM_OPERATORS)) engine.addOperator(name, op.fn);
      for (const rule of document.rules) engine.addRule(rule as never);
      for (const ctx of contexts) {
        const ours = set.policies.filter((p) => (p.when ? p.when.test(ctx) : true)).map((p) => p.name).sort();
        const run = await engine.run(jreFacts(registry, ctx));
        const theirs = run.events.map((e) => String((e.params as { policy: string }).policy)).sort();
        expect({ text, ctx: ctx.line.id, theirs }).toEqual({ text, ctx: ctx.line.id, theirs: ours });
      }
    }),
    { numRuns: 150 },
  );
});
