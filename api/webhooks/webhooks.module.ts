import { Module } from '@nestjs/common';
import { systemClock } from './clock.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksPoller } from './webhooks.poller.js';
import { WEBHOOK_CLOCK, WebhooksService } from './webhooks.service.js';

@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhooksPoller, { provide: WEBHOOK_CLOCK, useValue: systemClock }],
  exports: [WebhooksPoller],
})
export class WebhooksModule {}
