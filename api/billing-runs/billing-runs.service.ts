// Starting and reading billing runs. A run records the published policy
// versions in force when it starts; its chunks are planned with exactly those.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { decodeCursor, type Page, pageOf, timestampKey } from '../common/cursor.js';
import { assertWithinHorizon, maxYearsAheadFrom } from '../common/date-window.js';
import { ConflictProblem, NotFoundProblem, UnprocessableProblem } from '../common/problem.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { ActiveRunExists, BillingRunsRepository, IdempotencyKeyReused, type IdempotentRequest, type RunErrorRow, type RunHoldRow, type RunRow, type RunTrigger } from './billing-runs.repository.js';
import { BillingRunsWorker } from './billing-runs.worker.service.js';
import { BILLING_RUN_CONFIG } from './billing-runs.tokens.js';
import { dailyScheduleKey, type BillingRunConfig } from './run-config.js';
import { RUN_POLICIES, type RunPolicies } from './run-policies.js';

const RUN_CURSOR = z.tuple([timestampKey, z.string().min(1).max(200)]);
const HOLD_CURSOR = z.tuple([z.string().min(1).max(1000)]);
const ERROR_CURSOR = z.tuple([z.string().min(1).max(1000), z.string().min(1).max(200), z.string().max(100_000)]);

export interface BillingRunView {
  readonly id: string;
  readonly asOf: string;
  readonly status: RunRow['status'];
  readonly progress: { readonly done: number; readonly total: number };
  readonly counts: { readonly lines: number; readonly invoices: number; readonly holds: number; readonly errors: number };
  readonly policyVersions: RunRow['policyVersions'];
  readonly dryRun: boolean;
  /** The run posts its invoices when it completes (else drafts). */
  readonly postInvoices: boolean;
  readonly trigger: RunTrigger;
  readonly scheduleKey: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

export interface StartRunInput {
  readonly asOf: string;
  readonly dryRun?: boolean;
  /** Post the invoices when the run completes; unset: the configured default (`PROVISO_RUN_POSTING`). */
  readonly post?: boolean;
  readonly trigger: RunTrigger;
  readonly createdBy?: string | null;
}

@Injectable()
export class BillingRunsService {
  constructor(
    private readonly repo: BillingRunsRepository,
    private readonly worker: BillingRunsWorker,
    @Inject(RUN_POLICIES) private readonly policies: RunPolicies,
    @Inject(BILLING_RUN_CONFIG) private readonly config: BillingRunConfig,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  /**
   * Creates a run (chunks planned with it) and wakes this instance's worker.
   * The published library is compiled first: a library that cannot be
   * compiled refuses the run (422 with the diagnostics) instead of failing it later.
   */
  async start(input: StartRunInput, once?: IdempotentRequest): Promise<{ id: string; replayed: boolean }> {
    assertWithinHorizon(input.asOf, 'body.asOf', this.options.now?.() ?? new Date(), this.options.maxYearsAhead ?? maxYearsAheadFrom(process.env));
    const versions = await this.policies.current();
    await this.policies.plannerFor(versions);
    const run = {
      asOf: input.asOf,
      dryRun: input.dryRun ?? false,
      postInvoices: input.post ?? this.config.postByDefault,
      trigger: input.trigger,
      policyVersions: versions,
      createdBy: input.createdBy ?? null,
    };
    const created = await (once ? this.repo.createRunOnce(run, this.config.chunkSize, once) : this.repo.createRun(run, this.config.chunkSize).then((id) => id && { id, replayed: false })).catch(
      (e: unknown) => {
        if (e instanceof ActiveRunExists) {
          throw new ConflictProblem(`${e.message}; wait for it to end (GET /api/billing-runs/${e.runId})`, { runId: e.runId, status: e.status });
        }
        if (e instanceof IdempotencyKeyReused) {
          throw new UnprocessableProblem(`${e.message}; a retry must repeat the body exactly, a new request needs a new key`, [
            { path: 'headers.idempotency-key', message: 'already used with another request body' },
          ]);
        }
        throw e;
      },
    );
    if (!created) throw new Error('the billing run was not created'); // only a schedule key can conflict
    if (!created.replayed) void this.worker.kick();
    return created;
  }

  /**
   * The scheduled run for `date`: created by exactly one caller however many
   * instances fire (advisory lock + unique schedule key). Null when this
   * instance lost the race or the run for the date already exists.
   */
  async startScheduled(date: string): Promise<string | null> {
    const versions = await this.policies.current();
    await this.policies.plannerFor(versions);
    const id = await this.repo
      .createRun(
        {
          asOf: date,
          dryRun: false,
          trigger: 'schedule',
          scheduleKey: dailyScheduleKey(date),
          postInvoices: this.config.postByDefault,
          policyVersions: versions,
        },
        this.config.chunkSize,
      )
      .catch((e: unknown) => {
        if (e instanceof ActiveRunExists) return null; // a run for the date (API, CLI) is in progress
        throw e;
      });
    if (id) void this.worker.kick();
    return id;
  }

  /** Resumes a failed run (POST /api/billing-runs/:id/resume): 404 unknown, 409 not failed or another run for its date active. */
  async resume(id: string, actor: { id: string } | undefined): Promise<BillingRunView> {
    const run = await this.require(id);
    const resumed = await this.repo.resumeRun(id, actor?.id ?? null).catch((e: unknown) => {
      if (e instanceof ActiveRunExists) throw new ConflictProblem(`${e.message}; resume this run after it ends`, { runId: e.runId, status: e.status });
      throw e;
    });
    if (!resumed) throw new ConflictProblem(`billing run '${id}' is ${run.status}; only a failed run can be resumed`, { runId: id, status: run.status });
    void this.worker.kick();
    return toView(await this.require(id));
  }

  async get(id: string): Promise<BillingRunView> {
    return toView(await this.require(id));
  }

  /** Newest first, a page at a time. */
  async list(limit: number, cursor?: string): Promise<Page<BillingRunView>> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, RUN_CURSOR);
    const rows = await this.repo.listRuns(limit + 1, after);
    return pageOf(rows, limit, (r) => [r.createdAtKey, r.id], toView);
  }

  async holds(id: string, limit: number, cursor?: string): Promise<Page<RunHoldRow>> {
    await this.require(id);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, HOLD_CURSOR)[0];
    return pageOf(await this.repo.holds(id, { limit: limit + 1, after }), limit, (h) => [h.orderProductId]);
  }

  async errors(id: string, limit: number, cursor?: string): Promise<Page<RunErrorRow>> {
    await this.require(id);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ERROR_CURSOR);
    return pageOf(await this.repo.errors(id, { limit: limit + 1, after }), limit, (e) => [e.orderProductId, e.code, e.message]);
  }

  private async require(id: string): Promise<RunRow> {
    const run = await this.repo.getRun(id);
    if (!run) throw new NotFoundProblem(`billing run '${id}' does not exist`);
    return run;
  }
}

export function toView(r: RunRow): BillingRunView {
  return {
    id: r.id,
    asOf: r.asOf,
    status: r.status,
    progress: { done: r.progressDone, total: r.progressTotal },
    counts: { lines: r.linesCount, invoices: r.invoicesCount, holds: r.holdsCount, errors: r.errorsCount },
    policyVersions: r.policyVersions,
    dryRun: r.dryRun,
    postInvoices: r.postInvoices,
    trigger: r.trigger,
    scheduleKey: r.scheduleKey,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAt)!,
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    error: r.error,
  };
}

function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}
