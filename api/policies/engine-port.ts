// The engine and DSL entry points the service uses, in one place. They are
// loaded on first use so this module never fails to import while a part of the
// engine is missing from a build; a missing part is a clear 503, not a crash.
import type { PolicyModel, SourceDocument } from '../../dsl/check/policy-model.js';
import type { Vocabulary } from '../../dsl/vocabulary/vocabulary-types.js';
import type { OrderBook } from '../../engine/book/book-types.js';
import type { CompiledPolicySet, CompileOptions } from '../../engine/evaluate/compile-policies.js';
import type { SimulationResult } from '../../engine/plan/simulation-types.js';
import type { Registry } from '../../engine/vocabulary/registry.js';
import { ProblemError } from '../common/problem.js';

export interface EnginePort {
  checkDocuments(docs: readonly SourceDocument[], vocabulary: Vocabulary): PolicyModel;
  compilePolicies(model: PolicyModel, registry: Registry, options?: CompileOptions): CompiledPolicySet;
  simulate(book: OrderBook, asOf: string, set: CompiledPolicySet, registry: Registry): SimulationResult;
  compareSimulations(before: SimulationResult, after: SimulationResult): unknown;
  timeline(...args: unknown[]): unknown;
}

type AnyFn = (...args: never[]) => unknown;

let cached: Promise<Record<string, unknown>> | undefined;

async function tryImport(spec: string): Promise<Record<string, unknown>> {
  try {
    return (await import(spec)) as Record<string, unknown>;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(err.message ?? '')) return {};
    throw e;
  }
}

async function loadAll(): Promise<Record<string, unknown>> {
  const parts = await Promise.all([
    tryImport('../../dsl/index.js'),
    tryImport('../../engine/index.js'),
    tryImport('../../engine/evaluate/compile-policies.js'),
    tryImport('../../engine/plan/planner.js'),
  ]);
  return Object.assign({}, ...parts.reverse()) as Record<string, unknown>;
}

function need<T extends AnyFn>(mod: Record<string, unknown>, name: string): T {
  const fn = mod[name];
  if (typeof fn !== 'function') {
    throw new ProblemError(503, 'Service Unavailable', `engine entry point ${name}() is not available in this build`);
  }
  return fn as T;
}

export async function loadEngine(): Promise<EnginePort> {
  cached ??= loadAll();
  const mod = await cached;
  return {
    checkDocuments: (docs, vocabulary) => need<EnginePort['checkDocuments']>(mod, 'checkDocuments')(docs, vocabulary),
    compilePolicies: (model, registry, options) => need<EnginePort['compilePolicies']>(mod, 'compilePolicies')(model, registry, options),
    simulate: (book, asOf, set, registry) => need<EnginePort['simulate']>(mod, 'simulate')(book, asOf, set, registry),
    compareSimulations: (before, after) => need<EnginePort['compareSimulations']>(mod, 'compareSimulations')(before, after),
    timeline: (...args) => need<(...a: unknown[]) => unknown>(mod, 'timeline')(...args),
  };
}
