import { Module } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksPoller } from './webhooks.poller.js';
import { WEBHOOK_CLOCK, WebhooksService } from './webhooks.service.js';

@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhooksPoller,
    { provide: WEBHOOK_CLOCK, useFactory: (options: AppOptions): Clock => options.clock ?? systemClock, inject: [APP_OPTIONS] },
  ],
  exports: [WebhooksPoller],
})
export class WebhooksModule {}
