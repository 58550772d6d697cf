// The heavy requests as plain jobs (JSON in, JSON out): check and compile the
// given policy documents with the project's vocabulary, then simulate, compare
// or draw a timeline. They run in a worker thread (heavy-worker.ts) so the
// HTTP server keeps answering, or in-process where no compiled worker exists.
import type { OrderBook } from '../../engine/book/book-types.js';
import type { StoredCoverage } from '../../engine/explain/explain-line.js';
import type { AppOptions } from '../server/app-options.js';
import { loadEngine } from '../policies/engine-port.js';
import { type LibraryDocument, PolicyLibraryService } from '../policies/policy-library.service.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';

export type HeavyJob =
  | { readonly kind: 'simulate'; readonly docs: readonly LibraryDocument[]; readonly book: OrderBook; readonly asOf: string }
  | {
      readonly kind: 'impact';
      readonly before: readonly LibraryDocument[];
      readonly after: readonly LibraryDocument[];
      readonly book: OrderBook;
      readonly asOf: string;
    }
  | {
      readonly kind: 'timeline';
      readonly docs: readonly LibraryDocument[];
      readonly book: OrderBook;
      readonly orderProductId: string;
      readonly from: string;
      readonly months: number;
      /** The date the periods are judged against (due, not yet due). */
      readonly asOf: string;
      /** The line's stored ledger, for the explanation of each period. */
      readonly stored: readonly StoredCoverage[];
    };

/** A job's outcome: its value, or a problem (status, error, message, details) to answer with. */
export type HeavyOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: { statusCode: number; error: string; message: string; details?: unknown } };

const libraries = new Map<string, PolicyLibraryService>();

/** One library service per config (its vocabulary and plugins load once per thread); it never reads the database here. */
function libraryFor(options: Pick<AppOptions, 'configPath' | 'cwd'>): PolicyLibraryService {
  const key = JSON.stringify([options.configPath ?? null, options.cwd ?? null]);
  let lib = libraries.get(key);
  if (!lib) {
    lib = new PolicyLibraryService(null as unknown as PoliciesRepository, { configPath: options.configPath, cwd: options.cwd });
    libraries.set(key, lib);
  }
  return lib;
}

export async function runHeavyJob(job: HeavyJob, options: Pick<AppOptions, 'configPath' | 'cwd'>): Promise<HeavyOutcome> {
  const library = libraryFor(options);
  const engine = await loadEngine();
  try {
    switch (job.kind) {
      case 'simulate': {
        const lib = await library.compileDocuments(job.docs);
        const result = engine.simulate(job.book, job.asOf, lib.set, lib.registry);
        // each hold and line also says in words what billing does and why (`explanation`, `traceWords`, from engine/explain)
        return { ok: true, value: engine.explainSimulation(result) };
      }
      case 'impact': {
        const [a, b] = await Promise.all([library.compileDocuments(job.before), library.compileDocuments(job.after)]);
        const before = engine.simulate(job.book, job.asOf, a.set, a.registry);
        const after = engine.simulate(job.book, job.asOf, b.set, b.registry);
        return { ok: true, value: engine.compareSimulations(before, after) };
      }
      case 'timeline': {
        const lib = await library.compileDocuments(job.docs);
        const t = engine.timeline(job.book, job.orderProductId, job.from, job.months, lib.set, lib.registry, { asOf: job.asOf });
        return { ok: true, value: { t, explained: engine.explainTimeline(t, job.stored) } };
      }
    }
  } catch (e) {
    const p = e as { statusCode?: unknown; error?: unknown; message?: unknown; details?: unknown };
    if (typeof p.statusCode === 'number' && p.statusCode < 500) {
      return { ok: false, problem: { statusCode: p.statusCode, error: String(p.error), message: String(p.message), details: p.details } };
    }
    throw e;
  }
}
