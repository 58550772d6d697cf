// Reads the audit log newest first, a page at a time, filtered by entity.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { z } from 'zod';
import { decodeCursor, msTimestampKey, type Page, pageOf } from '../common/cursor.js';

export interface AuditEntryView {
  readonly id: string;
  readonly at: string;
  readonly actorKeyId: string | null;
  /** The acting key's name (kept after revocation); null for the system. */
  readonly actorName: string | null;
  readonly action: string;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly detail: unknown;
}

/** Newest first: the next (older) page starts after the last row's (at, id). */
export type AuditPage = Page<AuditEntryView>;

const AUDIT_CURSOR = z.tuple([msTimestampKey, z.string().min(1).max(200)]);

@Injectable()
export class AuditLogReader {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first; keyset-paged on (at, id), so pages stay stable while rows are added. */
  async list(q: { entityType?: string; entityId?: string; limit: number; cursor?: string }): Promise<AuditPage> {
    const key = q.cursor === undefined ? null : decodeCursor(q.cursor, AUDIT_CURSOR);
    const after = key ? { at: new Date(key[0]), id: key[1] } : null;
    const rows = await this.prisma.auditLog.findMany({
      where: {
        ...(q.entityType ? { entityType: q.entityType } : {}),
        ...(q.entityId ? { subject: q.entityId } : {}),
        ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const actorIds = [...new Set(page.flatMap((r) => (r.actorKeyId ? [r.actorKeyId] : [])))];
    const keys = actorIds.length ? await this.prisma.apiKey.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
    const names = new Map(keys.map((k) => [k.id, k.name]));
    return pageOf(
      rows,
      q.limit,
      (r) => [r.at.toISOString(), r.id],
      (r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorKeyId: r.actorKeyId,
        actorName: r.actorKeyId ? (names.get(r.actorKeyId) ?? null) : null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.subject,
        detail: r.detail,
      }),
    );
  }
}
