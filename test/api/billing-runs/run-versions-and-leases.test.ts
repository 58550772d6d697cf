// A run bills with exactly the policy versions it recorded, even when a newer
// version is published before its chunks are worked (`holds.policy` v1 holds
// every line, v2 none); a lease is renewed while its chunk is being written,
// so no other worker takes a live chunk over, and an expired one is taken
// over. Lease time comes from a clock the test moves, never from waiting.
import { createHash } from 'node:crypto';
import { BillingRunsRepository, type LeasedChunk } from '../../../api/billing-runs/billing-runs.repository.js';
import { RunWorker } from '../../../api/billing-runs/billing-runs.worker.js';
import { ManualClock } from '../../../api/common/clock.js';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { createRunPolicies } from '../../../api/billing-runs/engine-run-policies.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { publishPolicyRow } from '../../../api/policies/policy-rows.js';
import { simplePlanner, syntheticBook } from './support/simple-planner.js';

const BOOK = syntheticBook(6, 10);
const HOLD_ALL = `policy "Hold everything" {\n  hold billing reason "v1 holds all"\n}\n`;
const HOLD_NONE = `policy "Hold everything" {\n  when line.quantity > 1000000\n  hold billing reason "v2 holds nothing"\n}\n`;

describe.each(DATABASE_KINDS)('policy versions and leases on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let repo: BillingRunsRepository;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    await db.migrate();
    await insertBookRows(db.prisma, BOOK);
    repo = new BillingRunsRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  test('chunks are planned with the versions the run recorded, not a version published since', async () => {
    const v1 = await publishPolicyRow(db, 'holds.policy', HOLD_ALL);
    const policies = await createRunPolicies(db.prisma);
    const recorded = await policies.current();
    expect(recorded).toEqual([{ document: v1.document, name: 'holds.policy', version: 1, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const id = (await repo.createRun({ asOf: '2026-03-01', dryRun: true, trigger: 'api', policyVersions: recorded }, 7))!;

    // version 2 is published before any chunk is worked
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO policy_versions (document_id, version, source, message, author, checksum) VALUES ($1, 2, $2, 'v2', 'test', $3)`,
      v1.document,
      HOLD_NONE,
      createHash('sha256').update(HOLD_NONE).digest('hex'),
    );
    await db.prisma.$executeRawUnsafe(`UPDATE policy_documents SET current_version = 2, draft_source = $2 WHERE id = $1`, v1.document, HOLD_NONE);
    expect((await policies.current())[0].version).toBe(2);

    // a fresh worker (as on another instance) loads version 1 for this run
    await new RunWorker(db.prisma, repo, await createRunPolicies(db.prisma), { leaseSeconds: 30, pollMs: 50, maxAttempts: 2 }).drain();
    const run = (await repo.getRun(id))!;
    expect(run.status).toBe('completed');
    expect(run.policyVersions).toEqual(recorded);
    expect(run.linesCount).toBe(0);
    const holds = await repo.holds(id);
    const activated = BOOK.orderProducts.filter((p) => BOOK.orders.find((o) => o.id === p.orderId)!.status === 'activated');
    expect(holds.length).toBe(activated.length);
    expect(holds.length).toBeGreaterThan(0);
    expect(holds.every((h) => h.reasons.includes('v1 holds all'))).toBe(true);

    // a run started now records and uses version 2: nothing is held
    const id2 = (await repo.createRun({ asOf: '2026-03-01', dryRun: true, trigger: 'api', policyVersions: await policies.current() }, 7))!;
    await new RunWorker(db.prisma, repo, policies, { leaseSeconds: 30, pollMs: 50, maxAttempts: 2 }).drain();
    const run2 = (await repo.getRun(id2))!;
    expect(run2.policyVersions[0].version).toBe(2);
    const holds2 = await repo.holds(id2);
    expect(holds2.filter((h) => h.reasons.includes('v1 holds all'))).toEqual([]);
    expect(run2.holdsCount).toBeLessThan(run2.progressTotal); // only the order products' own holdBilling flags
    expect(run2.linesCount).toBeGreaterThan(0);
  });

  test('a lease is renewed while its chunk is being written: another worker cannot take it over', async () => {
    // Lease time is the clock's, moved by hand; the renewal itself runs on the worker's timer (every lease/3).
    const clock = new ManualClock(new Date('2026-04-01T08:00:00Z'));
    let written!: () => void;
    const gate = new Promise<void>((r) => (written = r));
    let writing!: () => void;
    const inWrite = new Promise<void>((r) => (writing = r));
    /** Holds the chunk (leased, not yet written) until the test opens the gate. */
    class SlowRepository extends BillingRunsRepository {
      override async writeChunk(...args: Parameters<BillingRunsRepository['writeChunk']>) {
        writing();
        await gate;
        return super.writeChunk(...args);
      }
    }
    const slow = new SlowRepository(db.prisma, undefined, clock);
    const other = new BillingRunsRepository(db.prisma, undefined, clock);
    const id = (await repo.createRun({ asOf: '2026-04-01', dryRun: true, trigger: 'api', policyVersions: [] }, 1_000))!;
    const policies = { current: async () => [], plannerFor: async () => simplePlanner };
    const a = new RunWorker(db.prisma, slow, policies, { leaseSeconds: 1, pollMs: 50, maxAttempts: 3 });
    const working = a.drain();
    await inWrite;
    const leaseUntil = async () =>
      (await db.prisma.$queryRawUnsafe<{ until: Date }[]>(`SELECT lease_until AS until FROM billing_run_chunks WHERE run_id = $1`, id))[0].until.getTime();
    const t0 = clock.now().getTime();
    expect(await leaseUntil()).toBe(t0 + 1_000); // leased for 1 s of the clock

    // 0.9 s later (on the clock) the worker renews: the lease now ends 1 s after that
    clock.advance(900);
    const until = Date.now() + 10_000;
    while ((await leaseUntil()) !== t0 + 1_900) {
      if (Date.now() > until) throw new Error(`the lease was not renewed: ends ${new Date(await leaseUntil()).toISOString()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // past the first lease period, inside the renewed one: another worker finds nothing to take
    clock.advance(600);
    const stolen: LeasedChunk | null = await other.leaseChunk(id, 'B', 1);
    expect(stolen).toBeNull();
    written();
    await working;
    const [chunk] = await db.prisma.$queryRawUnsafe<{ attempts: number; status: string; owner: string }[]>(
      `SELECT attempts, status, lease_owner AS owner FROM billing_run_chunks WHERE run_id = $1`,
      id,
    );
    expect(chunk).toEqual({ attempts: 1, status: 'done', owner: a.owner });
    expect((await repo.getRun(id))!.status).toBe('completed');
  });

  test('an expired lease is taken over on the clock, without waiting', async () => {
    const clock = new ManualClock(new Date('2026-05-01T08:00:00Z'));
    const a = new BillingRunsRepository(db.prisma, undefined, clock);
    const b = new BillingRunsRepository(db.prisma, undefined, clock);
    const id = (await repo.createRun({ asOf: '2026-05-01', dryRun: true, trigger: 'api', policyVersions: [] }, 1_000))!;
    const held = await a.leaseChunk(id, 'A', 60);
    expect(held).toMatchObject({ seq: 0, attempts: 1 });
    clock.advance(59_999);
    expect(await b.leaseChunk(id, 'B', 60)).toBeNull(); // still A's
    clock.advance(2);
    expect(await b.leaseChunk(id, 'B', 60)).toMatchObject({ id: held!.id, attempts: 2 });
    expect(await a.renewLease(held!.id, 'A', 60)).toBe(false); // A lost it
    expect(await b.renewLease(held!.id, 'B', 60)).toBe(true);
    await b.failRun(id, 'test over'); // no run of this file stays active
  });
});
