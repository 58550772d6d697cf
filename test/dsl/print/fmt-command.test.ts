// `proviso fmt` end to end on real files in a temporary directory.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../api/cli/main.js';
import type { CliIo } from '../../../api/cli/cli-types.js';

const UGLY = 'policy "a" { hold billing   # why\n}\n';
const PRETTY = 'policy "a" {\n  hold billing # why\n}\n';
const BROKEN = 'policy "b" {\n  when\n}\n';

let dir: string;

function io(): CliIo & { stdout: string; stderr: string } {
  const buffers = { stdout: '', stderr: '' };
  return Object.assign(buffers, {
    cwd: dir,
    isTty: false,
    out: (t: string) => void (buffers.stdout += t),
    err: (t: string) => void (buffers.stderr += t),
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proviso-fmt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('proviso fmt', () => {
  test('formats files in place and lists them', async () => {
    const path = file('a.policy', UGLY);
    const out = io();
    expect(await main(['fmt', 'a.policy'], out)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(PRETTY);
    expect(out.stdout).toBe('a.policy\n');
    expect(out.stderr).toBe('');
  });

  test('an already formatted file is left alone and not listed', async () => {
    file('a.policy', PRETTY);
    const out = io();
    expect(await main(['fmt', 'a.policy'], out)).toBe(0);
    expect(out.stdout).toBe('');
  });

  test('directories are searched recursively for .policy files only', async () => {
    const nested = file('rules/team/a.policy', UGLY);
    const other = file('rules/notes.txt', UGLY);
    const out = io();
    expect(await main(['fmt', 'rules'], out)).toBe(0);
    expect(readFileSync(nested, 'utf8')).toBe(PRETTY);
    expect(readFileSync(other, 'utf8')).toBe(UGLY);
    expect(out.stdout).toBe(join('rules', 'team', 'a.policy') + '\n');
  });

  test('--check writes nothing, lists files that would change and exits 1', async () => {
    const path = file('a.policy', UGLY);
    file('b.policy', PRETTY);
    const out = io();
    expect(await main(['fmt', '--check', '.'], out)).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(UGLY);
    expect(out.stdout).toBe('a.policy\n');
    expect(out.stderr).toBe("1 file would be reformatted; run 'proviso fmt' on it\n");
  });

  test('--check exits 0 when everything is formatted', async () => {
    file('a.policy', PRETTY);
    const out = io();
    expect(await main(['fmt', 'a.policy', '--check'], out)).toBe(0);
    expect(out.stdout + out.stderr).toBe('');
  });

  test('syntax errors are reported as path:line:col lines; the file is untouched, others are formatted', async () => {
    const broken = file('b.policy', BROKEN);
    const good = file('a.policy', UGLY);
    const out = io();
    expect(await main(['fmt', '.'], out)).toBe(1);
    expect(out.stderr).toBe("b.policy:3:1: error PV1016 Expected a condition after 'when', found '}'\n");
    expect(readFileSync(broken, 'utf8')).toBe(BROKEN);
    expect(readFileSync(good, 'utf8')).toBe(PRETTY);
  });

  test('Windows line endings are kept', async () => {
    const path = file('a.policy', UGLY.replace(/\n/g, '\r\n'));
    expect(await main(['fmt', 'a.policy'], io())).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(PRETTY.replace(/\n/g, '\r\n'));
  });

  test('a missing path is reported and exits 1', async () => {
    const out = io();
    expect(await main(['fmt', 'nope.policy'], out)).toBe(1);
    expect(out.stderr).toBe('nope.policy: no such file or directory\n');
  });

  test.each([
    ['no paths', ['fmt'], 'give at least one policy file or directory'],
    ['unknown option', ['fmt', '--write', 'a.policy'], "Unknown option '--write'"],
    ['value given to --check', ['fmt', '--check=yes', 'a.policy'], '--check'],
  ])('usage error: %s exits 2 with the usage', async (_name, args, message) => {
    const out = io();
    expect(await main(args, out)).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain('usage: proviso fmt <files|dirs...> [--check]');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  test('a directory without policy files is a usage error', async () => {
    mkdirSync(join(dir, 'empty'));
    const out = io();
    expect(await main(['fmt', 'empty'], out)).toBe(2);
    expect(out.stderr).toContain('no .policy files in empty');
  });
});
