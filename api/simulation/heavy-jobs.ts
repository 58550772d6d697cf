// The heavy requests as plain jobs (JSON in, JSON out): check a document with
// its library, or check and compile the given policy documents with the
// project's vocabulary, then simulate, compare or draw a timeline. They run in a worker thread (heavy-worker.ts) so the
// HTTP server keeps answering, or in-process where no compiled worker exists.
import type { OrderBook } from '../../engine/book/book-types.js';
import type { StoredCoverage } from '../../engine/explain/explain-line.js';
import type { AppOptions } from '../server/app-options.js';
import { loadEngine } from '../policies/engine-port.js';
import { type LibraryDocument, PolicyLibraryService } from '../policies/policy-library.service.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import { impactNames } from './impact-names.js';
import { DEFAULT_PAGE_LIMIT, impactPage, type PageRequest, simulationPage } from './result-pages.js';

export type HeavyJob =
  | {
      readonly kind: 'check';
      /** The library the document joins (the other documents' published versions). */
      readonly library: readonly LibraryDocument[];
      readonly doc: { readonly name: string; readonly source: string };
    }
  | {
      readonly kind: 'check-each';
      /** The published library; each document is checked with the others' versions in it. */
      readonly published: readonly LibraryDocument[];
      readonly docs: readonly { readonly id: string; readonly name: string; readonly source: string }[];
    }
  | {
      readonly kind: 'simulate';
      readonly docs: readonly LibraryDocument[];
      readonly book: OrderBook;
      readonly asOf: string;
      /** Which page of invoices to answer with (default: the first DEFAULT_PAGE_LIMIT). */
      readonly page?: PageRequest;
    }
  | {
      readonly kind: 'impact';
      readonly before: readonly LibraryDocument[];
      readonly after: readonly LibraryDocument[];
      readonly book: OrderBook;
      readonly asOf: string;
      /** Which page of lines to answer with (default: the first DEFAULT_PAGE_LIMIT). */
      readonly page?: PageRequest;
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

const FIRST_PAGE: PageRequest = { limit: DEFAULT_PAGE_LIMIT };

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
      case 'check':
        return { ok: true, value: await library.checkAmong(job.library, job.doc) };
      case 'check-each': {
        const each = [];
        for (const doc of job.docs) {
          const others = job.published.filter((p) => p.id !== doc.id && p.name !== doc.name);
          each.push(await library.checkAmong(others, doc));
        }
        return { ok: true, value: each };
      }
      case 'simulate': {
        const lib = await library.compileDocuments(job.docs);
        const result = engine.simulate(job.book, job.asOf, lib.set, lib.registry);
        // each hold and line also says in words what billing does and why (`explanation`, `traceWords`, from engine/explain);
        // only this page leaves the thread (never the whole result as one message)
        return { ok: true, value: simulationPage(engine.explainSimulation(result), job.page ?? FIRST_PAGE) };
      }
      case 'impact': {
        const [a, b] = await Promise.all([library.compileDocuments(job.before), library.compileDocuments(job.after)]);
        const before = engine.simulate(job.book, job.asOf, a.set, a.registry);
        const after = engine.simulate(job.book, job.asOf, b.set, b.registry);
        const page = impactPage(engine.compareSimulations(before, after), job.page ?? FIRST_PAGE);
        // the names behind the page's ids (products, accounts), so no reader looks each one up
        return { ok: true, value: { ...page, names: impactNames(page, job.book) } };
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
