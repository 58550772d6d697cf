// Audit rows are written inside the same transaction as the change they
// record (audit-log.reader.ts reads them back).
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';

export type AuditAction =
  | 'book.upload'
  | 'policy.create'
  | 'policy.update'
  | 'policy.publish'
  | 'policy.rollback'
  | 'policy.delete'
  | 'policy.archive'
  | 'policy.publish-request'
  | 'policy.publish-approve'
  | 'policy.publish-reject'
  | 'key.create'
  | 'key.revoke'
  | 'key.admin-ensure'
  | 'run.start'
  | 'run.resume'
  | 'invoice.post'
  | 'invoice.discard'
  | 'invoice.void'
  | 'invoice.rebill'
  | 'quote.create'
  | 'quote.accept'
  | 'seed'
  | 'webhook.create'
  | 'webhook.deactivate'
  | 'webhook.redeliver';

/** What the `subject` of an audit row is. */
export const AUDIT_ENTITY_TYPES = ['invoice', 'billing-run', 'policy', 'api-key', 'book', 'quote'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** The entity type an action is about (its prefix); `seed` rows have none. */
export function entityTypeOf(action: AuditAction): AuditEntityType | null {
  const prefix = action.slice(0, action.indexOf('.'));
  switch (prefix) {
    case 'invoice':
      return 'invoice';
    case 'run':
      return 'billing-run';
    case 'policy':
      return 'policy';
    case 'key':
      return 'api-key';
    case 'book':
      return 'book';
    case 'quote':
      return 'quote';
    default:
      return null;
  }
}

@Injectable()
export class AuditService {
  async record(
    tx: Prisma.TransactionClient,
    entry: { actorKeyId: string | null | undefined; action: AuditAction; subject?: string | null; detail?: Prisma.InputJsonValue },
  ): Promise<void> {
    await tx.auditLog.create({
      data: {
        actorKeyId: entry.actorKeyId ?? null,
        action: entry.action,
        entityType: entityTypeOf(entry.action),
        subject: entry.subject ?? null,
        detail: entry.detail ?? {},
      },
    });
  }
}
