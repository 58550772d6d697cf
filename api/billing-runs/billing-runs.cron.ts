// The daily billing run: a cron job registered with @nestjs/schedule's
// SchedulerRegistry from PROVISO_BILLING_CRON in PROVISO_TIMEZONE. Every
// instance fires; each tick computes today's date in that zone and asks for
// the run `daily:<date>`, which exactly one instance creates.
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { BillingRunsService } from './billing-runs.service.js';
import { BILLING_RUN_CONFIG } from './billing-runs.tokens.js';
import { todayInZone, type BillingRunConfig } from './run-config.js';

export const BILLING_CRON_JOB = 'proviso-billing-run';

@Injectable()
export class BillingRunsCron implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('BillingRunsCron');

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runs: BillingRunsService,
    @Inject(BILLING_RUN_CONFIG) private readonly config: BillingRunConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.cron === null) {
      this.logger.log('scheduled billing runs are off (PROVISO_BILLING_CRON=off)');
      return;
    }
    const job = CronJob.from({
      cronTime: this.config.cron,
      timeZone: this.config.timeZone,
      onTick: () => void this.tick(),
      start: false,
      waitForCompletion: true,
    });
    this.registry.addCronJob(BILLING_CRON_JOB, job);
    job.start();
    this.logger.log(`billing runs scheduled at '${this.config.cron}' (${this.config.timeZone}); next ${job.nextDate().toISO()}`);
  }

  beforeApplicationShutdown(): void {
    if (this.registry.doesExist('cron', BILLING_CRON_JOB)) this.registry.deleteCronJob(BILLING_CRON_JOB);
  }

  /** One tick: today's run in the configured zone. Returns the run id when this instance created it. */
  async tick(now: Date = new Date()): Promise<string | null> {
    const date = todayInZone(now, this.config.timeZone);
    try {
      const id = await this.runs.startScheduled(date);
      if (id) this.logger.log(`scheduled billing run ${id} for ${date} created`);
      else this.logger.log(`scheduled billing run for ${date} already exists (created by this or another instance)`);
      return id;
    } catch (e) {
      this.logger.error(`scheduled billing run for ${date} could not be created: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }
}
