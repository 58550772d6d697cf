// Billing runs: routes, the daily schedule, the worker loop every instance
// runs, and the SQL behind them. ScheduleModule.forRoot() is imported here and
// nowhere else (importing it twice makes every job fire twice).
import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { systemClock } from '../common/clock.js';
import { idempotencyKeysFrom } from '../common/idempotency-key.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { type Database, PrismaService } from '../persistence/prisma-client.factory.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { INVOICE_NUMBERING } from '../invoices/invoices.tokens.js';
import type { NumberingConfig } from '../invoices/numbering.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { PolicyLibraryService } from '../policies/policy-library.service.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { BillingRunsController } from './billing-runs.controller.js';
import { BillingRunsCron } from './billing-runs.cron.js';
import { BillingRunsRepository, PGLITE_LINE_BATCH } from './billing-runs.repository.js';
import { BillingRunsService } from './billing-runs.service.js';
import { BILLING_RUN_CONFIG } from './billing-runs.tokens.js';
import { BillingRunsWorker } from './billing-runs.worker.service.js';
import { LibraryRunPolicies } from './engine-run-policies.js';
import { readBillingRunConfig } from './run-config.js';
import { RUN_POLICIES } from './run-policies.js';

@Module({
  imports: [ScheduleModule.forRoot(), PoliciesModule, InvoicesModule],
  controllers: [BillingRunsController],
  providers: [
    { provide: BILLING_RUN_CONFIG, useFactory: (db: Database) => readBillingRunConfig(process.env, db.kind), inject: [DATABASE] },
    {
      provide: BillingRunsRepository,
      useFactory: (prisma: PrismaService, numbering: NumberingConfig, options: AppOptions, db: Database) =>
        new BillingRunsRepository(prisma, numbering, options.clock ?? systemClock, db.kind === 'pglite' ? PGLITE_LINE_BATCH : undefined, idempotencyKeysFrom(options)),
      inject: [PrismaService, INVOICE_NUMBERING, APP_OPTIONS, DATABASE],
    },
    { provide: RUN_POLICIES, useFactory: (library: PolicyLibraryService) => new LibraryRunPolicies(library), inject: [PolicyLibraryService] },
    BillingRunsWorker,
    BillingRunsService,
    BillingRunsCron,
  ],
  exports: [BillingRunsService, BillingRunsWorker, BillingRunsRepository],
})
export class BillingRunsModule {}
