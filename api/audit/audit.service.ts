// Audit rows are written inside the same transaction as the change they
// record (audit-log.reader.ts reads them back).
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { SqlTransaction } from '../persistence/migrator.js';
import { entityTypeOf, recordAuditSql, type AuditEntry } from './audit-entry.js';

export { AUDIT_ENTITY_TYPES, entityTypeOf, type AuditAction, type AuditEntityType, type AuditEntry } from './audit-entry.js';

@Injectable()
export class AuditService {
  async record(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
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

  /** The same row, in a transaction on a connection of its own (`Database.sql`: the CSV import). */
  async recordSql(tx: SqlTransaction, entry: AuditEntry): Promise<void> {
    await recordAuditSql(tx, entry);
  }
}
