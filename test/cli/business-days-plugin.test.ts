// The example TypeScript plugin as its author ships it: type-checked against
// the published `proviso/plugin` types (package exports -> dist .d.ts), compiled
// (the build does it with SWC, `tsc -p examples/business-days` would too), and
// used by the real `proviso` binary through examples/business-days/proviso.config.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const example = join(root, 'examples', 'business-days');
const bin = join(root, 'bin', 'proviso.js');
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: example, encoding: 'utf8' });

const book = JSON.stringify({
  accounts: [{ id: 'A1', name: 'Acme', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA' } }],
  contracts: [],
  orders: [{ id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: null, attributes: {} }],
  orderProducts: [
    {
      id: 'OP1', orderId: 'O1', productCode: 'SUP', productName: 'Support', chargeType: 'recurring', billingFrequency: 'monthly', billingType: 'advance',
      quantity: '1', unitPrice: '100.00', startDate: '2026-11-25', endDate: null, billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
    },
  ],
  invoiced: [],
});

describe('the business-days example plugin through the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proviso-bd-'));
    writeFileSync(join(dir, 'book.json'), book);
    writeFileSync(join(dir, 'bad.policy'), 'policy "Bad region" {\n  when isBusinessDay(billingDate, "APAC")\n  hold billing\n}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('its TypeScript type-checks against the published proviso/plugin types', () => {
    const tsc = join(createRequire(import.meta.url).resolve('typescript/package.json'), '..', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', example, '--noEmit', '--traceResolution'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/Module name 'proviso\/plugin' was successfully resolved to '[^']*dist\/engine\/plugin\/index\.d\.ts'/);
    expect(r.status).toBe(0);
  });

  test('proviso check passes on the example policies', () => {
    const r = cli(['check', 'policies']);
    expect(r.stderr + r.stdout).toContain('0 errors');
    expect(r.status).toBe(0);
  });

  test('proviso simulate moves the Christmas invoice to the next EMEA business day', () => {
    const r = cli(['simulate', '--policies', 'policies', '--book', join(dir, 'book.json'), '--as-of', '2027-01-31', '--format', 'json']);
    expect(r.status).toBe(0);
    const lines = JSON.parse(r.stdout).invoices.flatMap((i: { lines: { periodStart: string; billingDate: string }[] }) => i.lines);
    expect(lines.map((l: { periodStart: string; billingDate: string }) => [l.periodStart, l.billingDate])).toEqual([
      ['2026-11-25', '2026-11-25'],
      ['2026-12-25', '2026-12-28'],
      ['2027-01-25', '2027-01-25'],
    ]);
  });

  test("proviso check shows the plugin's own diagnostic at the argument", () => {
    const r = cli(['check', join(dir, 'bad.policy'), '--config', 'proviso.config.json']);
    expect(r.status).toBe(1);
    // line 2, column of "APAC" (1-based)
    expect(r.stdout + r.stderr).toMatch(/bad\.policy:2:35: error PV2901 isBusinessDay: no holiday calendar for region "APAC"; proviso\.config\.json defines EMEA, US/);
  });

  // docs/plugins.md: Node 23.6+ (24) strips types, so a config may name the .ts
  // file; Node 20 cannot, and says so naming the plugin (compile first there).
  test('the .ts source loads directly on Node 24 and is refused loudly on Node 20', () => {
    const config = JSON.parse(readFileSync(join(example, 'proviso.config.json'), 'utf8'));
    config.plugins[0].module = join(example, 'business-days.ts');
    writeFileSync(join(dir, 'ts.config.json'), JSON.stringify(config));
    const r = cli(['check', 'policies', '--config', join(dir, 'ts.config.json')]);
    const [major, minor] = process.versions.node.split('.').map(Number);
    if (major > 23 || (major === 23 && minor >= 6)) {
      expect(r.stdout + r.stderr).toContain('0 errors');
      expect(r.status).toBe(0);
    } else {
      expect(r.stdout + r.stderr).toMatch(/PV3109 plugin \S*business-days\.ts could not be loaded: Unknown file extension "\.ts"/);
      expect(r.status).toBe(1);
    }
  });
});
