import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ApiZodBody, ApiZodQuery, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { WebhooksService } from './webhooks.service.js';

const CreateBody = z.strictObject({
  url: z
    .string()
    .url('url must be an absolute http(s) URL')
    .refine((u) => /^https?:\/\//i.test(u), 'url must start with http:// or https://'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, `events must name at least one of ${WEBHOOK_EVENT_TYPES.join(', ')}`),
});
const LogQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) });

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: `Subscribe a URL to events (${WEBHOOK_EVENT_TYPES.join(', ')}); the signing secret is in this response only` })
  @ApiZodBody(CreateBody)
  create(@CurrentKey() actor: AuthenticatedKey, @ZodBody(CreateBody) body: z.infer<typeof CreateBody>) {
    return this.webhooks.create(actor, body.url, body.events);
  }

  @Get()
  @ApiOperation({ summary: 'Subscriptions (without secrets)' })
  list() {
    return this.webhooks.list();
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a subscription (its delivery log stays)' })
  deactivate(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string) {
    return this.webhooks.deactivate(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log: each event sent to the subscription, its status and every attempt' })
  @ApiZodQuery(LogQuery)
  deliveries(@Param('id') id: string, @ZodQuery(LogQuery) q: z.infer<typeof LogQuery>) {
    return this.webhooks.deliveries(id, q.limit);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivered or failed event again (same event id: receivers deduplicate by it)' })
  redeliver(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string) {
    return this.webhooks.redeliver(actor, id);
  }
}
