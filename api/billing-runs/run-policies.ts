// The seam between billing runs and the policy library: which published
// versions are in force now (recorded on a new run), and a planner bound to
// exactly the versions a run recorded (so every chunk, on any instance, bills
// with the same policies even after a newer version is published mid-run).
import type { PolicyVersionRef } from './billing-runs.repository.js';
import type { ChunkPlanFn } from './run-types.js';

export interface RunPolicies {
  current(): Promise<PolicyVersionRef[]>;
  plannerFor(versions: readonly PolicyVersionRef[]): Promise<ChunkPlanFn>;
}

/** Nest injection token for RunPolicies. */
export const RUN_POLICIES = Symbol('RUN_POLICIES');
