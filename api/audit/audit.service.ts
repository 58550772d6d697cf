// Audit rows are written inside the same transaction as the change they record.
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';

export type AuditAction =
  | 'book.upload'
  | 'policy.create'
  | 'policy.update'
  | 'policy.publish'
  | 'policy.rollback'
  | 'key.create'
  | 'key.revoke'
  | 'key.admin-ensure'
  | 'run.start'
  | 'seed'
  | 'webhook.create'
  | 'webhook.deactivate'
  | 'webhook.redeliver';

@Injectable()
export class AuditService {
  async record(
    tx: Prisma.TransactionClient,
    entry: { actorKeyId: string | null | undefined; action: AuditAction; subject?: string | null; detail?: Prisma.InputJsonValue },
  ): Promise<void> {
    await tx.auditLog.create({
      data: { actorKeyId: entry.actorKeyId ?? null, action: entry.action, subject: entry.subject ?? null, detail: entry.detail ?? {} },
    });
  }
}
