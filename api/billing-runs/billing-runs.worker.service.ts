// The worker loop as a Nest provider: starts polling when the application has
// bootstrapped (resuming runs left queued or running by a crash) unless
// PROVISO_WORKER=off, and stops (finishing the chunk in hand) on shutdown.
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { BillingRunsRepository } from './billing-runs.repository.js';
import { BILLING_RUN_CONFIG } from './billing-runs.tokens.js';
import { RunWorker } from './billing-runs.worker.js';
import type { BillingRunConfig } from './run-config.js';
import { RUN_POLICIES, type RunPolicies } from './run-policies.js';

@Injectable()
export class BillingRunsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('BillingRunsWorker');
  readonly worker: RunWorker;

  constructor(
    prisma: PrismaService,
    repo: BillingRunsRepository,
    @Inject(RUN_POLICIES) policies: RunPolicies,
    @Inject(BILLING_RUN_CONFIG) private readonly config: BillingRunConfig,
  ) {
    this.worker = new RunWorker(prisma, repo, policies, config, this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.config.workerEnabled) this.worker.start();
    else this.logger.log('billing-run worker disabled (PROVISO_WORKER=off)');
  }

  /** Before the database closes (its provider closes on onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** Looks for work now; a no-op when the worker is disabled. */
  kick(): Promise<void> {
    return this.config.workerEnabled ? this.worker.kick() : Promise.resolve();
  }
}
