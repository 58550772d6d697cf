import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG, proviso, workspace } from './cli-harness.js';

const POLICIES = `policy "Hold EMEA" {
  priority 100
  when account.region = "EMEA" and order.type = "new"
  hold billing until order.poNumber is present reason "Awaiting purchase order"
}

policy "Big deals" {
  when line.seats is present and line.seats * line.unitPrice >= 50000
  hold billing reason "Order form"
}
`;

let ws: ReturnType<typeof workspace>;
beforeEach(() => {
  ws = workspace({
    'proviso.config.json': CONFIG,
    'rules/a.policy': POLICIES,
    'ok/b.policy': 'policy "First" {\n  when account.segment = "enterprise"\n  billing day of month 1\n}\n',
    'jre.json': JSON.stringify([
      { name: 'EMEA hold', priority: 5, conditions: { all: [{ fact: 'account', path: '$.region', operator: 'equal', value: 'EMEA' }] }, event: { type: 'hold', params: { reason: 'PO' } } },
      { name: 'Shared', conditions: { all: [{ condition: 'isVip' }] }, event: { type: 'hold' } },
    ]),
    'good-jre.json': JSON.stringify({ rules: [{ conditions: { any: [{ fact: 'order', path: '$.channel', operator: 'in', value: ['partner'] }] }, event: { type: 'billingDay', params: { billingDay: 'last' } } }] }),
    'broken.json': '[{',
  });
});
afterEach(() => ws.cleanup());

test('export: rules for what json-rules-engine can express, a positioned error for the rest, exit 1', async () => {
  const r = await proviso(['export', '--format', 'json-rules-engine'], ws.dir);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.out);
  expect(doc.format).toBe('json-rules-engine');
  expect(doc.rules.map((x: { name: string }) => x.name)).toEqual(['Hold EMEA']);
  expect(r.err).toMatch(/^rules\/a\.policy:8:34: error PV5001 policy "Big deals" cannot be exported/m);
});

test('export to a file, every policy exported: exit 0', async () => {
  const r = await proviso(['export', '--format', 'json-rules-engine', '--policies', 'ok', '--out', 'out.json'], ws.dir);
  expect(r.code).toBe(0);
  const doc = JSON.parse(readFileSync(join(ws.dir, 'out.json'), 'utf8'));
  expect(doc.rules[0]).toMatchObject({ name: 'First', priority: 1, event: { type: 'billingDay', params: { billingDay: 1 } } });
});

test.each([
  ['no format', ['export'], /--format json-rules-engine is required/],
  ['another format', ['export', '--format', 'drools'], /unknown format 'drools'/],
])('export usage errors exit 2: %s', async (_n, args, message) => {
  const r = await proviso(args, ws.dir);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(message);
});

test('import: DSL text on stdout, what it cannot express on stderr with the JSON path, exit 1', async () => {
  const r = await proviso(['import', 'jre.json'], ws.dir);
  expect(r.code).toBe(1);
  expect(r.out).toContain('policy "EMEA hold" {\n  priority 5\n  when account.region = "EMEA"\n  hold billing reason "PO"\n}');
  expect(r.err).toMatch(/jre\.json: \[1\]\.conditions\.all\[0\]\.condition: the shared condition reference "isVip" cannot be imported/);
});

test('import of fully expressible rules exits 0 and the text checks', async () => {
  const r = await proviso(['import', 'good-jre.json'], ws.dir);
  expect(r.code).toBe(0);
  expect(r.out).toBe('policy "billingDay 1" {\n  when order.channel in ["partner"]\n  billing day of month last\n}\n');
});

test.each([
  ['not JSON', ['import', 'broken.json'], 1, /broken\.json: not valid JSON/],
  ['missing file', ['import', 'nope.json'], 1, /nope\.json: no such file/],
  ['no file', ['import'], 2, /a rules file is required/],
])('import bad input: %s', async (_n, args, code, message) => {
  const r = await proviso(args, ws.dir);
  expect(r.code).toBe(code);
  expect(r.err).toMatch(message);
});

test('import checks the text: a fact Proviso does not know is an error with its position', async () => {
  const w = workspace({
    'proviso.config.json': CONFIG,
    'tier.json': JSON.stringify([{ name: 'Gold', conditions: { all: [{ fact: 'customer', path: '$.tier', operator: 'equal', value: 'gold' }] }, event: { type: 'hold', params: { reason: 'x' } } }]),
  });
  try {
    const r = await proviso(['import', 'tier.json'], w.dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('when customer.tier = "gold"');
    expect(r.err).toMatch(/^<imported>:2:8: error PV\d{4} /m);
  } finally {
    w.cleanup();
  }
});
