// The worker loop every instance runs: lease a chunk of any active run (FOR
// UPDATE SKIP LOCKED), load that id range, plan it with the run's policy
// versions, write the result in one transaction, repeat; finalise a run when
// its last chunk is done. The lease is renewed while a chunk is processed; a
// crashed worker's lease expires and another worker (or this one after a
// restart) takes the chunk over. Nothing is written twice: see the repository.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { BillingRunsRepository, Db, LeasedChunk, RunRow } from './billing-runs.repository.js';
import { publicErrorMessage } from '../common/public-error.js';
import { loadChunkAfter } from './chunk-book.loader.js';
import { applyHeapGrowth } from './heap-growth.js';
import { planInSlices, yieldToEventLoop } from './plan-in-slices.js';
import type { BillingRunConfig } from './run-config.js';
import type { RunPolicies } from './run-policies.js';
import type { ChunkPlanFn } from './run-types.js';

export interface WorkerLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const silent: WorkerLog = { log: () => undefined, warn: () => undefined, error: () => undefined };

export type WorkerSettings = Pick<BillingRunConfig, 'leaseSeconds' | 'pollMs' | 'maxAttempts'> &
  Partial<Pick<BillingRunConfig, 'concurrency' | 'heapGrowthPercent'>>;

export class RunWorker {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly planners = new Map<string, Promise<ChunkPlanFn>>();

  constructor(
    private readonly db: Db,
    private readonly repo: BillingRunsRepository,
    private readonly policies: RunPolicies,
    private readonly settings: WorkerSettings,
    private readonly logger: WorkerLog = silent,
  ) {}

  /** Polls for work every `pollMs` and starts at once (resumes runs left queued or running). */
  start(): void {
    this.stopped = false;
    if (!this.timer) {
      this.timer = setInterval(() => this.kick(), this.settings.pollMs);
      this.timer.unref();
    }
    this.kick();
  }

  /** Stops polling and waits for the chunk in progress to be written. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining;
  }

  /** Looks for work now (after a run was created); coalesces concurrent kicks. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && !this.stopped);
      } catch (e) {
        this.logger.error(`billing-run worker: ${message(e)}`);
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /**
   * Works chunks until no active run has a chunk this worker can lease, with
   * `concurrency` loops (one plans a chunk while another's rows are written).
   */
  async drain(): Promise<void> {
    if (this.settings.heapGrowthPercent !== undefined) applyHeapGrowth(this.settings.heapGrowthPercent);
    const loop = async () => {
      while (!this.stopped && (await this.step())) {
        /* keep going */
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.settings.concurrency ?? 1) }, loop));
  }

  /** One unit of work: processes one chunk or finalises one run. False when idle. */
  async step(): Promise<boolean> {
    for (const runId of await this.repo.activeRunIds()) {
      const chunk = await this.repo.leaseChunk(runId, this.owner, this.settings.leaseSeconds);
      if (chunk) {
        await this.process(chunk);
        await yieldToEventLoop(); // let waiting HTTP requests in between chunks
        return true;
      }
      if (await this.repo.finalize(runId)) {
        this.planners.delete(runId);
        const run = await this.repo.getRun(runId);
        this.logger.log(
          `billing run ${runId} (${run?.asOf}) completed: ${run?.linesCount} lines, ${run?.invoicesCount} invoices, ` +
            `${run?.holdsCount} holds, ${run?.errorsCount} errors`,
        );
        return true;
      }
    }
    return false;
  }

  private async process(chunk: LeasedChunk): Promise<void> {
    const run = await this.repo.getRun(chunk.runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
    if (chunk.attempts > this.settings.maxAttempts) {
      // Leased again and again without finishing: workers crash or time out on it.
      await this.repo.failRun(
        run.id,
        `chunk ${chunk.seq} (${chunk.lo}..${chunk.hi}) was leased ${chunk.attempts} times without finishing`,
      );
      this.logger.error(`billing run ${run.id} failed: chunk ${chunk.seq} never finished`);
      return;
    }
    const renewEvery = Math.max(250, (this.settings.leaseSeconds * 1000) / 3);
    const renewal = setInterval(() => {
      this.repo.renewLease(chunk.id, this.owner, this.settings.leaseSeconds).catch((e) => {
        this.logger.warn(`could not renew the lease of chunk ${chunk.seq} of run ${run.id}: ${message(e)}`);
      });
    }, renewEvery);
    try {
      const plan = await this.plannerFor(run);
      const { book, ids } = await loadChunkAfter(this.db, await this.repo.previousChunkHi(chunk), chunk.hi);
      const result = await planInSlices(plan, book, ids, run.asOf);
      await this.repo.writeChunk(chunk, run, result);
    } catch (e) {
      // run.error is shown to users: the database's own text (tables, constraints) stays in the log.
      const outcome = await this.repo.failChunk(chunk, this.owner, publicErrorMessage(e), this.settings.maxAttempts);
      if (outcome === 'failed') this.logger.error(`billing run ${run.id} failed on chunk ${chunk.seq}: ${message(e)}`);
      else this.logger.warn(`chunk ${chunk.seq} of billing run ${run.id} failed (attempt ${chunk.attempts}), will retry: ${message(e)}`);
    } finally {
      clearInterval(renewal);
    }
  }

  private plannerFor(run: RunRow): Promise<ChunkPlanFn> {
    let p = this.planners.get(run.id);
    if (!p) {
      p = this.policies.plannerFor(run.policyVersions);
      p.catch(() => this.planners.delete(run.id));
      this.planners.set(run.id, p);
    }
    return p;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
