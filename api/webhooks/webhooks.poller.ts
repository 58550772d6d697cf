// Runs the dispatcher in the service: every PROVISO_WEBHOOK_POLL_MS it
// delivers what is due, until nothing is; stops cleanly on shutdown.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import type { Clock } from '../common/clock.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WEBHOOK_CLOCK } from './webhooks.service.js';

@Injectable()
export class WebhooksPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  readonly dispatcher: WebhookDispatcher;

  constructor(
    prisma: PrismaService,
    @Inject(WEBHOOK_CLOCK) clock: Clock,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {
    this.dispatcher = new WebhookDispatcher(new WebhookDeliveriesRepository(prisma), clock, {
      timeoutMs: options.webhooks?.timeoutMs,
    });
  }

  onApplicationBootstrap(): void {
    const every = this.options.webhooks?.pollMs ?? 2000;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.dispatcher
        .drain()
        .catch((e: unknown) => this.logger.error(`webhook delivery round failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
