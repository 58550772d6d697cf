// `proviso invoices`: the lifecycle from the command line on the embedded
// database: run in draft, list, post the run, void one (credit note), refuse
// a wrong status with exit 1 and a message naming it; usage errors exit 2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import type { CliIo } from '../../../api/cli/cli-types.js';
import { main } from '../../../api/cli/main.js';
import { openDatabase } from '../../../api/persistence/prisma-client.factory.js';
import { syntheticBook } from '../billing-runs/support/simple-planner.js';

function bufferIo(): CliIo & { stdout: string; stderr: string } {
  const io = { cwd: process.cwd(), isTty: false, stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function proviso(...args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('proviso invoices', () => {
  test.each([
    ['no action', [], /which action: list, post, discard or void/],
    ['an unknown action', ['approve'], /unknown action 'approve'/],
    ['post with neither ids nor --run', ['post'], /give invoice ids or --run/],
    ['void without an id', ['void'], /void takes exactly one invoice id/],
    ['a bad status filter', ['list', '--status', 'open'], /--status: 'open' must be draft, posted or void/],
  ])('exit 2 for %s, with the usage', async (_name, args, message) => {
    const r = await proviso('invoices', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/usage: proviso invoices list/);
  });

  describe('on the embedded database', () => {
    let dir: string;
    const saved = { dataDir: process.env.PROVISO_DATA_DIR, url: process.env.DATABASE_URL };
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'proviso-cli-invoices-'));
      const db = await openDatabase({ dataDir: dir });
      await db.migrate();
      await insertBookRows(db.prisma, syntheticBook(6, 3));
      await db.close();
      process.env.PROVISO_DATA_DIR = dir;
      delete process.env.DATABASE_URL;
    });
    afterAll(() => {
      for (const [k, v] of [['PROVISO_DATA_DIR', saved.dataDir], ['DATABASE_URL', saved.url]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    test('run in draft, list, post the run, void one, refuse a second void', async () => {
      const run = await proviso('run', '--as-of', '2026-03-01', '--draft');
      expect(run.code).toBe(0);
      const runId = /^run (\S+) completed/m.exec(run.out)![1];
      const drafts = (await proviso('invoices', 'list', '--status', 'draft')).out.trim().split('\n').map((l) => l.split('\t'));
      expect(drafts.length).toBeGreaterThan(0);
      expect(drafts.every((d) => d[1] === '-' && d[2] === 'draft')).toBe(true);

      const posted = await proviso('invoices', 'post', '--run', runId);
      expect(posted.code).toBe(0);
      const numbers = [...posted.out.matchAll(/^posted \S+ as (INV-2026-\d+)$/gm)].map((m) => m[1]);
      expect(numbers).toEqual(drafts.map((_, i) => `INV-2026-${i + 1}`));

      const first = drafts[0][0];
      const voided = await proviso('invoices', 'void', first, '--reason', 'duplicate');
      expect(voided.code).toBe(0);
      expect(voided.out).toMatch(/^voided INV-2026-\d+: credit note CN-\d{4}-1 \(-[\d.]+\)$/m);
      const again = await proviso('invoices', 'void', first);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/is void: only a posted invoice can be voided/);
      expect(again.err).not.toMatch(/\n\s+at /);
      const discard = await proviso('invoices', 'discard', drafts[1][0]);
      expect(discard.code).toBe(1);
      expect(discard.err).toMatch(/is posted: only a draft can be discarded \(void it instead\)/);
    }, 120_000);
  });
});
