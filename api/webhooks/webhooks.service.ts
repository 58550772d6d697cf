// Subscriptions (admin), the delivery log and redelivery by hand. Each write
// is one transaction with its audit row.
import { z } from 'zod';
import { afterCreated, decodeCursor, msTimestampKey, pageOf } from '../common/cursor.js';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ConflictProblem, NotFoundProblem } from '../common/problem.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import type { Clock } from '../common/clock.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import type { WebhookEventType } from './webhook-events.js';

export const WEBHOOK_CLOCK = Symbol('WEBHOOK_CLOCK');

interface SubscriptionRow {
  id: string;
  url: string;
  events: unknown;
  active: boolean;
  createdAt: Date;
}

const CREATED_CURSOR = z.tuple([msTimestampKey, z.string().min(1).max(200)]);
const SEQ_CURSOR = z.tuple([z.string().regex(/^\d{1,18}$/)]);

const view = (s: SubscriptionRow) => ({ id: s.id, url: s.url, events: s.events as string[], active: s.active, createdAt: s.createdAt.toISOString() });

@Injectable()
export class WebhooksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(WEBHOOK_CLOCK) private readonly clock: Clock,
  ) {}

  /** The secret is in this response only. */
  async create(actor: AuthenticatedKey | undefined, url: string, events: readonly WebhookEventType[]) {
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    return this.prisma.$transaction(async (tx) => {
      const s = await tx.webhookSubscription.create({ data: { url, events: [...new Set(events)], secret } });
      await this.audit.record(tx, { actorKeyId: actor?.id, action: 'webhook.create', subject: s.id, detail: { url, events: [...events] } });
      return { ...view(s), secret };
    });
  }

  /** Oldest first, a page at a time. */
  async list(limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, CREATED_CURSOR);
    const rows = await this.prisma.webhookSubscription.findMany({ where: afterCreated(after), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: limit + 1 });
    return pageOf(rows, limit, (s) => [s.createdAt.toISOString(), s.id], view);
  }

  async get(id: string) {
    const s = await this.prisma.webhookSubscription.findUnique({ where: { id } });
    if (!s) throw new NotFoundProblem(`no webhook subscription with id '${id}'`);
    return view(s);
  }

  /** Stops new deliveries; the subscription and its log stay. */
  async deactivate(actor: AuthenticatedKey | undefined, id: string) {
    return this.prisma.$transaction(async (tx) => {
      const s = await tx.webhookSubscription.findUnique({ where: { id } });
      if (!s) throw new NotFoundProblem(`no webhook subscription with id '${id}'`);
      const updated = await tx.webhookSubscription.update({ where: { id }, data: { active: false } });
      await this.audit.record(tx, { actorKeyId: actor?.id, action: 'webhook.deactivate', subject: id });
      return view(updated);
    });
  }

  /** The delivery log of a subscription, newest event first, each with its attempts. */
  async deliveries(id: string, limit: number, cursor?: string) {
    const before = cursor === undefined ? undefined : BigInt(decodeCursor(cursor, SEQ_CURSOR)[0]);
    const s = await this.prisma.webhookSubscription.findUnique({ where: { id }, select: { id: true } });
    if (!s) throw new NotFoundProblem(`no webhook subscription with id '${id}'`);
    const rows = await this.prisma.webhookDelivery.findMany({
      where: { subscriptionId: id, ...(before !== undefined ? { eventSeq: { lt: before } } : {}) },
      orderBy: { eventSeq: 'desc' },
      take: limit + 1,
      include: { event: { select: { id: true, type: true, createdAt: true } }, attemptLog: { orderBy: { attempt: 'asc' } } },
    });
    return pageOf(rows, limit, (d) => [d.eventSeq.toString()], (d) => ({
      id: d.id,
      eventId: d.event.id,
      eventType: d.event.type,
      eventCreatedAt: d.event.createdAt.toISOString(),
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      log: d.attemptLog.map((a) => ({
        attempt: a.attempt,
        startedAt: a.startedAt.toISOString(),
        durationMs: a.durationMs,
        statusCode: a.statusCode,
        error: a.error,
        instance: a.instance,
      })),
    }));
  }

  /** The subscription a delivery belongs to (after redeliver found it). */
  async subscriptionOfDelivery(deliveryId: string): Promise<string> {
    const d = await this.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { subscriptionId: true } });
    return d.subscriptionId;
  }

  async redeliver(actor: AuthenticatedKey | undefined, deliveryId: string) {
    const d = await this.prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { id: true, status: true } });
    if (!d) throw new NotFoundProblem(`no webhook delivery with id '${deliveryId}'`);
    if (d.status === 'pending') throw new ConflictProblem(`delivery '${deliveryId}' is still pending; it will be attempted again by itself`);
    await new WebhookDeliveriesRepository(this.prisma).redeliver(deliveryId, this.clock.now());
    await this.prisma.$transaction((tx) => this.audit.record(tx, { actorKeyId: actor?.id, action: 'webhook.redeliver', subject: deliveryId }));
    return { id: deliveryId, status: 'pending' as const };
  }
}
