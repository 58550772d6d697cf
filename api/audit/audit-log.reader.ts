// Reads the audit log newest first, a page at a time, filtered by entity.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { decodeCursor, encodeCursor } from './audit-cursor.js';

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

export interface AuditPage {
  readonly items: AuditEntryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

@Injectable()
export class AuditLogReader {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first; keyset-paged on (at, id), so pages stay stable while rows are added. */
  async list(q: { entityType?: string; entityId?: string; limit: number; cursor?: string }): Promise<AuditPage> {
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, 'query.cursor');
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
    const last = page[page.length - 1];
    const actorIds = [...new Set(page.flatMap((r) => (r.actorKeyId ? [r.actorKeyId] : [])))];
    const keys = actorIds.length ? await this.prisma.apiKey.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
    const names = new Map(keys.map((k) => [k.id, k.name]));
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorKeyId: r.actorKeyId,
        actorName: r.actorKeyId ? (names.get(r.actorKeyId) ?? null) : null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.subject,
        detail: r.detail,
      })),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
    };
  }
}
