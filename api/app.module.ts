// The root module. Built by `AppModule.forRoot()` with an opened, migrated
// database so the app, the CLI and the tests share one wiring.
import { type DynamicModule, Logger, Module, type Type } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BookModule } from './book/book.module.js';
import { HealthModule } from './health/health.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';
import { PersistenceModule } from './persistence/persistence.module.js';
import type { Database } from './persistence/prisma-client.factory.js';
import { PoliciesModule } from './policies/policies.module.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { SeedModule } from './seed/seed.module.js';
import { APP_OPTIONS, type AppOptions } from './server/app-options.js';
import { SimulationModule } from './simulation/simulation.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/**
 * The billing-runs feature (api/billing-runs/, helper "api-runs") plugs in here.
 * It is loaded when its module file exists, so the rest of the app builds and
 * runs without it. BILLING-RUNS IMPORT SLOT.
 */
async function loadBillingRunsModule(): Promise<Type | undefined> {
  const spec = './billing-runs/billing-runs.module.js';
  try {
    const mod = (await import(spec)) as { BillingRunsModule?: Type };
    return mod.BillingRunsModule;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const missing =
      (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(err.message ?? '')) &&
      /billing-runs\.module/.test(err.message ?? '');
    if (missing) {
      new Logger('AppModule').warn('billing runs are not available in this build (api/billing-runs/billing-runs.module.ts missing)');
      return undefined;
    }
    throw e;
  }
}

@Module({})
export class AppModule {
  static async forRoot(db: Database, options: AppOptions = {}): Promise<DynamicModule> {
    const billingRuns = options.billingRuns === false ? undefined : await loadBillingRunsModule();
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(db),
        AuditModule,
        AuthModule,
        HealthModule,
        BookModule,
        PoliciesModule,
        SimulationModule,
        InvoicesModule,
        QuotesModule,
        SeedModule,
        WebhooksModule,
        ...(billingRuns ? [billingRuns] : []),
      ],
      providers: [{ provide: APP_OPTIONS, useValue: options }],
      exports: [APP_OPTIONS],
      global: true,
    };
  }
}
