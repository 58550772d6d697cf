// Runs heavy requests (simulate, impact, timeline) off the event loop, in a
// small pool of worker threads, so health and other users keep being answered.
// Each job has a time budget (PROVISO_HEAVY_TIMEOUT_MS, default 60 s) that
// ends in a 503 problem, and is cancelled when the client goes away: its
// worker is terminated (and replaced on the next job). At most
// PROVISO_HEAVY_CONCURRENCY (default 2) jobs run at once; up to 16 more wait,
// beyond that a 503 asks to retry. Where no compiled worker exists (the
// TypeScript sources under jest), jobs run in-process with the same API.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ProblemError } from '../common/problem.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { type HeavyJob, type HeavyOutcome, runHeavyJob } from './heavy-jobs.js';

const MAX_WAITING = 16;

export class ServiceBusyProblem extends ProblemError {
  constructor(message: string) {
    super(503, 'Service Unavailable', message);
  }
}

/** Reads PROVISO_HEAVY_TIMEOUT_MS (1000-3600000) and PROVISO_HEAVY_CONCURRENCY (1-16); bad values name the variable. */
export function heavyWorkSettingsFrom(env: Readonly<Record<string, string | undefined>>): { timeoutMs: number; concurrency: number } {
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = (env[name] ?? '').trim();
    if (raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Error(`${name}: '${raw}' must be a whole number from ${min} to ${max}`);
    return Number(raw);
  };
  return { timeoutMs: read('PROVISO_HEAVY_TIMEOUT_MS', 60_000, 1000, 3_600_000), concurrency: read('PROVISO_HEAVY_CONCURRENCY', 2, 1, 16) };
}

/** The compiled worker entry next to this file, when running from dist/. */
function workerEntry(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return undefined;
  const entry = here.replace(/heavy-work\.service\.js$/, 'heavy-worker.js');
  return existsSync(entry) ? entry : undefined;
}

@Injectable()
export class HeavyWorkService implements OnModuleDestroy {
  private readonly logger = new Logger('HeavyWork');
  private readonly settings: { timeoutMs: number; concurrency: number };
  private readonly entry = workerEntry();
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(APP_OPTIONS) private readonly options: AppOptions) {
    const fromEnv = heavyWorkSettingsFrom(process.env);
    this.settings = {
      timeoutMs: options.heavyTimeoutMs ?? fromEnv.timeoutMs,
      concurrency: options.heavyConcurrency ?? fromEnv.concurrency,
    };
  }

  /** Whether jobs run in worker threads (false: in-process fallback). */
  get threaded(): boolean {
    return this.entry !== undefined;
  }

  /**
   * Runs a job within the time budget; `signal` aborts it (the client went
   * away). Resolves to the job's value; a job's 4xx problem, the budget's end
   * or a full queue are thrown as problems.
   */
  async run<T>(job: HeavyJob, what: string, signal?: AbortSignal): Promise<T> {
    const deadline = Date.now() + this.settings.timeoutMs;
    await this.slot(what);
    try {
      const outcome = this.entry ? await this.inWorker(job, deadline, what, signal) : await runHeavyJob(job, this.options);
      if (!outcome.ok) throw new ProblemError(outcome.problem.statusCode, outcome.problem.error, outcome.problem.message, outcome.problem.details);
      return outcome.value as T;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async slot(what: string): Promise<void> {
    if (this.running < this.settings.concurrency) {
      this.running++;
      return;
    }
    if (this.waiting.length >= MAX_WAITING) {
      throw new ServiceBusyProblem(`too many ${what} requests at once (${this.running} running, ${this.waiting.length} waiting); retry shortly`);
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }

  private worker(): Worker {
    const reused = this.idle.pop();
    if (reused) return reused;
    const w = new Worker(this.entry!, {
      workerData: { options: { configPath: this.options.configPath, cwd: this.options.cwd } },
      // The parent's flags, minus those a worker file cannot take (--input-type, --eval).
      execArgv: process.execArgv.filter((a) => !/^--(input-type|eval|print)\b/.test(a)),
    });
    w.unref();
    this.all.add(w);
    w.once('exit', () => {
      this.all.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return w;
  }

  private inWorker(job: HeavyJob, deadline: number, what: string, signal?: AbortSignal): Promise<HeavyOutcome> {
    const w = this.worker();
    return new Promise<HeavyOutcome>((resolve, reject) => {
      let settled = false;
      const finish = (reuse: boolean, act: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        w.removeListener('message', onMessage);
        w.removeListener('error', onError);
        if (reuse) this.idle.push(w);
        else void w.terminate();
        act();
      };
      const onMessage = (m: { outcome?: HeavyOutcome; failure?: string }) => {
        if (m.outcome) finish(true, () => resolve(m.outcome!));
        else
          finish(false, () => {
            this.logger.error(`${what} failed in its worker: ${m.failure}`);
            reject(new ProblemError(500, 'Internal Server Error', 'internal error; the server log has the details'));
          });
      };
      const onError = (e: Error) =>
        finish(false, () => {
          this.logger.error(`${what} worker crashed: ${e.stack ?? e.message}`);
          reject(new ServiceBusyProblem(`the ${what} ran out of resources (${e.message}); narrow it (fewer accounts, an earlier date)`));
        });
      const onAbort = () => finish(false, () => reject(new ProblemError(499, 'Client Closed Request', `${what} cancelled: the client went away`)));
      const timer = setTimeout(
        () =>
          finish(false, () =>
            reject(
              new ServiceBusyProblem(
                `the ${what} took longer than ${Math.round(this.settings.timeoutMs / 1000)} s and was stopped; narrow it (fewer accounts, an earlier date) or raise PROVISO_HEAVY_TIMEOUT_MS`,
              ),
            ),
          ),
        Math.max(0, deadline - Date.now()),
      );
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage(job);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
  }
}
