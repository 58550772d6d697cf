// What an audit row says and how it is written without Prisma (a transaction
// on a connection of its own: the CSV import). No NestJS here: the CLI loads it.
import type { Prisma } from '../generated/prisma/client.js';
import type { SqlTransaction } from '../persistence/migrator.js';

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

export interface AuditEntry {
  readonly actorKeyId: string | null | undefined;
  readonly action: AuditAction;
  readonly subject?: string | null;
  readonly detail?: Prisma.InputJsonValue;
}

/** The audit row, in a transaction on a connection of its own (`Database.sql`). */
export async function recordAuditSql(tx: SqlTransaction, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_key_id, action, entity_type, subject, detail) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [entry.actorKeyId ?? null, entry.action, entityTypeOf(entry.action), entry.subject ?? null, JSON.stringify(entry.detail ?? {})],
  );
}
