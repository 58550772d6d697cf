// RunPolicies backed by the policy library and the engine's planner: a new run
// records the published versions in force; each chunk is planned with exactly
// the versions its run recorded (compiled once per process, cached by the library).
import type { PolicySource } from '../../engine/plan/plan-adapter.js';
import { indexBook, planOrderProducts } from '../../engine/plan/planner.js';
import type { PrismaService } from '../persistence/prisma-client.factory.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { PolicyLibraryService } from '../policies/policy-library.service.js';
import type { PolicyVersionRef } from './billing-runs.repository.js';
import type { RunPolicies } from './run-policies.js';
import type { ChunkPlanFn } from './run-types.js';

export class LibraryRunPolicies implements RunPolicies {
  constructor(private readonly library: PolicyLibraryService) {}

  async current(): Promise<PolicyVersionRef[]> {
    return [...(await this.library.currentVersions())];
  }

  async plannerFor(versions: readonly PolicyVersionRef[]): Promise<ChunkPlanFn> {
    const lib = await this.library.libraryFor(versions);
    const policies = lib.set as unknown as PolicySource;
    return (book, ids, asOf) => planOrderProducts(indexBook(book), ids, asOf, policies, lib.registry);
  }
}

/** Outside Nest (CLI, bench): the library over the given database and project config. */
export async function createRunPolicies(
  prisma: PrismaService,
  options: { cwd?: string; configPath?: string } = {},
): Promise<RunPolicies> {
  const library = new PolicyLibraryService(new PoliciesRepository(prisma), { cwd: options.cwd, configPath: options.configPath });
  await library.projectContext(); // a plugin that fails to load stops the run before it is created
  return new LibraryRunPolicies(library);
}
