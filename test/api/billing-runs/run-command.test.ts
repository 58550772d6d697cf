// `proviso run`: argument errors are usage errors (exit 2) naming the flag; a
// run against the embedded database (PGlite in PROVISO_DATA_DIR) prints a
// line per 10% when stdout is not a terminal, then the counts, exit 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import type { CliIo } from '../../../api/cli/cli-types.js';
import { main } from '../../../api/cli/main.js';
import { parseRunArgs } from '../../../api/cli/commands/run.command.js';
import { openDatabase } from '../../../api/persistence/prisma-client.factory.js';
import { syntheticBook } from './support/simple-planner.js';

function bufferIo(isTty = false): CliIo & { stdout: string; stderr: string } {
  const io = {
    cwd: process.cwd(),
    isTty,
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe('proviso run arguments', () => {
  test.each([
    ['the date alone', ['--as-of', '2026-03-01'], { asOf: '2026-03-01', dryRun: false }],
    ['a dry run', ['--as-of', '2026-03-01', '--dry-run'], { asOf: '2026-03-01', dryRun: true }],
    ['--as-of=<date>', ['--as-of=2028-02-29'], { asOf: '2028-02-29', dryRun: false }],
    ['a config file', ['--config', 'x.json', '--as-of', '2026-03-01'], { configPath: 'x.json' }],
  ])('accepts %s', (_name, args, expected) => {
    expect(parseRunArgs(args)).toMatchObject(expected);
  });

  test.each([
    ['no --as-of', [], /--as-of <YYYY-MM-DD> is required/],
    ['--as-of without a value', ['--as-of'], /--as-of needs a value/],
    ['a day that does not exist', ['--as-of', '2026-02-29'], /--as-of: '2026-02-29' is not a calendar date/],
    ['a date in another format', ['--as-of', '1.3.2026'], /--as-of: '1.3.2026' is not a calendar date/],
    ['an unknown flag', ['--as-of', '2026-03-01', '--fast'], /unknown argument '--fast'/],
  ])('exit 2 for %s, with the usage', async (_name, args, message) => {
    const io = bufferIo();
    expect(await main(['run', ...args], io)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).toMatch(/usage: proviso run --as-of/);
    expect(io.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });
});

describe('proviso run on the embedded database', () => {
  let dir: string;
  const saved = { dataDir: process.env.PROVISO_DATA_DIR, url: process.env.DATABASE_URL, chunk: process.env.PROVISO_RUN_CHUNK_SIZE };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proviso-cli-run-'));
    const db = await openDatabase({ dataDir: dir });
    await db.migrate();
    await insertBookRows(db.prisma, syntheticBook(10, 10));
    await db.close();
    process.env.PROVISO_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    process.env.PROVISO_RUN_CHUNK_SIZE = '9';
  });
  afterAll(() => {
    for (const [k, v] of [['PROVISO_DATA_DIR', saved.dataDir], ['DATABASE_URL', saved.url], ['PROVISO_RUN_CHUNK_SIZE', saved.chunk]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('a line per 10% off a terminal, the counts, exit 0; the second run bills nothing', async () => {
    const io = bufferIo(false);
    expect(await main(['run', '--as-of', '2026-03-01'], io)).toBe(0);
    const milestones = [...io.stderr.matchAll(/^progress (\d+)% \(\d+\/(\d+) order products\)$/gm)].map((m) => Number(m[1]));
    expect(milestones).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(io.stderr).toMatch(/on pglite /);
    const m = /^run \S+ completed as of 2026-03-01: (\d+) lines, (\d+) invoices, (\d+) holds, (\d+) errors$/m.exec(io.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);

    const again = bufferIo(true);
    expect(await main(['run', '--as-of', '2026-03-01'], again)).toBe(0);
    expect(again.stdout).toMatch(/: 0 lines, 0 invoices/);
    expect(again.stderr).toMatch(/\r\[#+\] 100%/); // the bar on a terminal
  });

  test('a dry run says so and leaves nothing billed', async () => {
    const io = bufferIo(false);
    expect(await main(['run', '--as-of', '2026-06-01', '--dry-run'], io)).toBe(0);
    expect(io.stdout).toMatch(/completed \(dry run\) as of 2026-06-01/);
    const real = bufferIo(false);
    expect(await main(['run', '--as-of', '2026-06-01'], real)).toBe(0);
    const dry = /: (\d+) lines/.exec(io.stdout)![1];
    expect(/: (\d+) lines/.exec(real.stdout)![1]).toBe(dry);
  });
});
