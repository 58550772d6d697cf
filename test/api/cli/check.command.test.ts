// `proviso check` end to end through the dispatcher (real files in a temp dir).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../api/cli/main.js';
import type { CliIo } from '../../../api/cli/cli-types.js';

let dir: string;

function io(): CliIo & { stdout: string; stderr: string } {
  const buf = { stdout: '', stderr: '' };
  return Object.assign(buf, {
    cwd: dir,
    isTty: false,
    out: (t: string) => void (buf.stdout += t),
    err: (t: string) => void (buf.stderr += t),
  });
}

function write(rel: string, text: string): void {
  const full = join(dir, rel);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proviso-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CLEAN = 'policy "Daily" {\n  prorate daily\n}\n';

test('a clean file exits 0 and prints only the summary', async () => {
  write('a.policy', CLEAN);
  const o = io();
  expect(await main(['check', 'a.policy'], o)).toBe(0);
  expect(o.stdout).toBe('');
  expect(o.stderr).toBe('checked 1 file: 0 errors, 0 warnings\n');
});

test('errors print path:line:col: severity CODE message and exit 1', async () => {
  write('rules/bad.policy', 'policy "Day" {\n  billing day of month 32\n}\n');
  const o = io();
  expect(await main(['check', 'rules'], o)).toBe(1);
  expect(o.stdout).toBe("rules/bad.policy:2:24: error PV2027 The billing day of month must be a whole number from 1 to 31 or 'last', not 32\n");
  expect(o.stderr).toContain('1 error, 0 warnings');
});

test('warnings alone exit 0', async () => {
  write('w.policy', 'policy "Empty" {\n  description "later"\n}\n');
  const o = io();
  expect(await main(['check', 'w.policy'], o)).toBe(0);
  expect(o.stdout).toMatch(/^w\.policy:1:8: warning PV2034 /);
});

test('directories are searched recursively for .policy files only', async () => {
  write('lib/a.policy', CLEAN);
  write('lib/nested/b.policy', 'policy "Daily" {\n  prorate none\n}\n');
  write('lib/notes.txt', 'policy broken {');
  const o = io();
  expect(await main(['check', 'lib'], o)).toBe(1);
  expect(o.stdout).toContain('lib/nested/b.policy:1:8: error PV2033');
  expect(o.stderr).toContain('checked 2 files');
});

test('json output carries positions, related locations and fix data', async () => {
  write('a.policy', CLEAN);
  write('b.policy', 'policy "Daily" {\n  prorate dayly\n}\n');
  const o = io();
  expect(await main(['check', 'a.policy', 'b.policy', '--format', 'json'], o)).toBe(1);
  const out = JSON.parse(o.stdout);
  expect(out).toMatchObject({ files: 2, errors: 2, warnings: 0 });
  expect(out.diagnostics).toEqual([
    {
      file: 'b.policy', line: 1, column: 8, endLine: 1, endColumn: 15, severity: 'error', code: 'PV2033',
      message: 'A policy named "Daily" already exists; policy names must be unique across the library',
      related: [{ file: 'a.policy', line: 1, column: 8, message: '"Daily" is first defined here' }],
    },
    {
      file: 'b.policy', line: 2, column: 11, endLine: 2, endColumn: 16, severity: 'error', code: 'PV2005',
      message: "Unknown proration method 'dayly'; known methods: daily, monthly-daily, whole-months, thirty-360, none; did you mean 'daily'?",
      related: [],
      data: { kind: 'replace', span: { start: 27, end: 32 }, candidates: ['daily'] },
    },
  ]);
});

test('declared attributes come from proviso.config.json', async () => {
  write('proviso.config.json', JSON.stringify({ attributes: { account: { region: 'string' } } }));
  write('a.policy', 'policy "EMEA" {\n  when account.regoin = "EMEA"\n  hold billing\n}\n');
  const o = io();
  expect(await main(['check', 'a.policy'], o)).toBe(1);
  expect(o.stdout).toContain("error PV2002 'account' has no field 'regoin'; declared attributes of account: region; did you mean 'region'?");
});

test('--config points at another configuration', async () => {
  write('conf/p.json', JSON.stringify({ attributes: { line: { seats: 'decimal' } } }));
  write('a.policy', 'policy "Seats" {\n  when line.seats > 10\n  hold billing\n}\n');
  const o = io();
  expect(await main(['check', '--config', 'conf/p.json', 'a.policy'], o)).toBe(0);
});

test('configuration errors are printed like diagnostics and exit 1', async () => {
  write('proviso.config.json', '{ "attributes": { "account": { "region": "text" } } }');
  write('a.policy', CLEAN);
  const o = io();
  expect(await main(['check', 'a.policy'], o)).toBe(1);
  expect(o.stdout).toMatch(/^proviso\.config\.json:1:1: error PV31\d\d /);
});

test.each([
  ['no paths', ['check']],
  ['a missing file', ['check', 'missing.policy']],
  ['an unknown format', ['check', 'a.policy', '--format', 'xml']],
  ['an unknown option', ['check', 'a.policy', '--fast']],
  ['a missing --config file', ['check', 'a.policy', '--config', 'nope.json']],
  ['a directory without policies', ['check', 'empty']],
])('usage error: %s exits 2 with usage', async (_name, argv) => {
  write('a.policy', CLEAN);
  mkdirSync(join(dir, 'empty'));
  const o = io();
  expect(await main(argv, o)).toBe(2);
  expect(o.stderr).toContain('usage: proviso check');
  expect(o.stderr).not.toMatch(/\n\s+at /);
});

test('a missing file is named in the usage error', async () => {
  const o = io();
  await main(['check', 'nowhere/x.policy'], o);
  expect(o.stderr).toContain('nowhere/x.policy: no such file or directory');
});

test('the sample library under rules/ checks clean with its own proviso.config.json', async () => {
  const o = io();
  const repoIo = { ...o, cwd: join(import.meta.dirname, '..', '..', '..') };
  const code = await main(['check', 'rules'], repoIo);
  expect(o.stdout).toBe('');
  expect(code).toBe(0);
});
