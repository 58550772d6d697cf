// The engine and DSL entry points the service uses, in one place, so the rest
// of api/ does not depend on where each lives inside engine/ and dsl/.
import { checkDocuments } from '../../dsl/index.js';
import type { PolicyModel, SourceDocument } from '../../dsl/check/policy-model.js';
import type { Vocabulary } from '../../dsl/vocabulary/vocabulary-types.js';
import type { OrderBook } from '../../engine/book/book-types.js';
import { compilePolicies, type CompiledPolicySet, type CompileOptions } from '../../engine/evaluate/compile-policies.js';
import { checkWithWords } from '../../engine/plugin/word-check.js';
import { compareSimulations, type SimulationImpact } from '../../engine/plan/impact.js';
import type { PolicySource } from '../../engine/plan/plan-adapter.js';
import { simulate } from '../../engine/plan/planner.js';
import type { SimulationResult } from '../../engine/results/index.js';
import { timeline, type Timeline } from '../../engine/plan/timeline.js';
import type { Registry } from '../../engine/vocabulary/registry.js';
import { explainTimeline, type LineExplanation, type StoredCoverage } from '../../engine/explain/explain-line.js';
import { holdText } from '../../engine/explain/explain-words.js';
import { explainSimulation } from '../../engine/explain/explain-simulation.js';

export interface EnginePort {
  checkDocuments(docs: readonly SourceDocument[], vocabulary: Vocabulary): PolicyModel;
  /** checkDocuments plus the plugin words' own checks (PV29xx). */
  checkWithWords(docs: readonly SourceDocument[], registry: Registry): PolicyModel;
  compilePolicies(model: PolicyModel, registry: Registry, options?: CompileOptions): CompiledPolicySet;
  simulate(book: OrderBook, asOf: string, set: CompiledPolicySet, registry: Registry): SimulationResult;
  compareSimulations(before: SimulationResult, after: SimulationResult): SimulationImpact;
  timeline(
    book: OrderBook,
    orderProductId: string,
    from: string,
    months: number,
    set: CompiledPolicySet,
    registry: Registry,
    options?: { asOf?: string },
  ): Timeline;
  /** "Why (not) billed": the timeline read against the stored ledger, with the words of engine/explain. */
  explainTimeline(t: Timeline, stored: readonly StoredCoverage[]): LineExplanation;
  holdText(reasons: readonly string[], policies: readonly string[]): string;
  /** The simulation with each hold's `explanation` and each line's `explanation` and `traceWords` (engine/explain). */
  explainSimulation: typeof explainSimulation;
}

/** The planner takes a compiled set as its policy source. */
function source(set: CompiledPolicySet): PolicySource {
  return set as unknown as PolicySource;
}

const ENGINE: EnginePort = {
  checkDocuments: (docs, vocabulary) => checkDocuments(docs, vocabulary),
  checkWithWords: (docs, registry) => checkWithWords(docs, registry),
  compilePolicies: (model, registry, options) => compilePolicies(model, registry, options),
  simulate: (book, asOf, set, registry) => simulate(book, asOf, source(set), registry),
  compareSimulations: (before, after) => compareSimulations(before, after),
  timeline: (book, id, from, months, set, registry, options) => timeline(book, id, from, months, source(set), registry, options),
  explainTimeline,
  holdText,
  explainSimulation,
};

export async function loadEngine(): Promise<EnginePort> {
  return ENGINE;
}
