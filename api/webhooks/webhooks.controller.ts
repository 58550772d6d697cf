import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { pageQuery, pageSchema } from '../common/cursor.js';
import { ApiReturns } from '../common/openapi.js';
import { ZodBody, ZodQuery } from '../common/zod-validation.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { WebhooksService } from './webhooks.service.js';

const CreateBody = z.strictObject({
  url: z
    .string()
    .url('url must be an absolute http(s) URL')
    .refine((u) => /^https?:\/\//i.test(u), 'url must start with http:// or https://'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, `events must name at least one of ${WEBHOOK_EVENT_TYPES.join(', ')}`),
});
const ListQuery = pageQuery(100, 1000);
const LogQuery = pageQuery(50, 500);

const SubscriptionSchema = z
  .strictObject({ id: z.string(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENT_TYPES)), active: z.boolean(), createdAt: z.string() })
  .meta({ id: 'WebhookSubscription' });
const CreatedSubscriptionSchema = SubscriptionSchema.extend({ secret: z.string().describe('HMAC signing secret: shown in this response only') }).meta({
  id: 'CreatedWebhookSubscription',
});
const DeliverySchema = z
  .strictObject({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    eventCreatedAt: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    log: z.array(
      z.strictObject({
        attempt: z.int(),
        startedAt: z.string(),
        durationMs: z.int(),
        statusCode: z.int().nullable(),
        error: z.string().nullable(),
        instance: z.string(),
      }),
    ),
  })
  .meta({ id: 'WebhookDelivery' });
const RedeliverySchema = z.strictObject({ id: z.string(), status: z.literal('pending') }).meta({ id: 'Redelivery' });

@ApiTags('webhooks')
@Roles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    operationId: 'createWebhook',
    summary: `Subscribe a URL to events (${WEBHOOK_EVENT_TYPES.join(', ')}); the signing secret is in this response only`,
  })
  @ApiReturns(CreatedSubscriptionSchema, { status: 201, location: true })
  async create(@CurrentKey() actor: AuthenticatedKey, @ZodBody(CreateBody) body: z.infer<typeof CreateBody>, @Res({ passthrough: true }) res: Response) {
    const created = await this.webhooks.create(actor, body.url, body.events);
    res.setHeader('Location', `/api/webhooks/${encodeURIComponent(created.id)}`);
    return created;
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: 'Subscriptions (without secrets), oldest first (cursor-paged)' })
  @ApiReturns(pageSchema(SubscriptionSchema, 'WebhookSubscriptionPage'))
  list(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    return this.webhooks.list(q.limit, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'One subscription (without its secret)' })
  @ApiReturns(SubscriptionSchema)
  get(@Param('id') id: string) {
    return this.webhooks.get(id);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ operationId: 'deactivateWebhook', summary: 'Deactivate a subscription (its delivery log stays)' })
  @ApiReturns(SubscriptionSchema)
  deactivate(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string) {
    return this.webhooks.deactivate(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: 'Delivery log, newest event first (cursor-paged): each event sent to the subscription, its status and every attempt' })
  @ApiReturns(pageSchema(DeliverySchema, 'WebhookDeliveryPage'))
  deliveries(@Param('id') id: string, @ZodQuery(LogQuery) q: z.infer<typeof LogQuery>) {
    return this.webhooks.deliveries(id, q.limit, q.cursor);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(202)
  @ApiOperation({ operationId: 'redeliverWebhook', summary: 'Send a delivered or failed event again (same event id: receivers deduplicate by it); Location the delivery log' })
  @ApiReturns(RedeliverySchema, { status: 202, location: true })
  async redeliver(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const queued = await this.webhooks.redeliver(actor, id);
    const subscription = await this.webhooks.subscriptionOfDelivery(id);
    res.setHeader('Location', `/api/webhooks/${encodeURIComponent(subscription)}/deliveries`);
    return queued;
  }
}
