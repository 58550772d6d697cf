import { afterCreated } from '../common/cursor.js';
import { Injectable } from '@nestjs/common';
import { type Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const PUBLIC_FIELDS = { id: true, name: true, role: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActiveByHash(keyHash: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null }, select: PUBLIC_FIELDS });
  }

  findById(id: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  }

  /** Oldest first; `after` = (createdAt, id) of the previous page's last key. */
  list(take: number, after?: readonly [string, string]): Promise<ApiKeyRow[]> {
    return this.prisma.apiKey.findMany({ select: PUBLIC_FIELDS, where: afterCreated(after), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take });
  }

  create(tx: Prisma.TransactionClient, data: { name: string; role: string; keyHash: string; prefix: string }): Promise<ApiKeyRow> {
    return tx.apiKey.create({ data, select: PUBLIC_FIELDS });
  }

  revoke(tx: Prisma.TransactionClient, id: string): Promise<number> {
    return tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } }).then((r) => r.count);
  }

  find(tx: Prisma.TransactionClient, id: string): Promise<ApiKeyRow | null> {
    return tx.apiKey.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  }

  countActiveAdmins(tx: Prisma.TransactionClient, exceptId?: string): Promise<number> {
    return tx.apiKey.count({ where: { role: 'admin', revokedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  }

  /**
   * Inserts the key with this hash as admin unless a key with the hash exists
   * (race-safe: ON CONFLICT DO NOTHING). A revoked key is never re-activated.
   * Returns the inserted row, or null and the existing row's state.
   */
  async insertAdminIfAbsent(
    tx: Prisma.TransactionClient,
    keyHash: string,
    prefix: string,
  ): Promise<{ inserted: string | null; existing: { id: string; revoked: boolean; role: string } | null }> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO api_keys (name, role, key_hash, prefix)
      VALUES ('admin (PROVISO_ADMIN_KEY)', 'admin', ${keyHash}, ${prefix})
      ON CONFLICT (key_hash) DO NOTHING
      RETURNING id`;
    if (rows.length > 0) return { inserted: rows[0].id, existing: null };
    const row = await tx.apiKey.findUnique({ where: { keyHash }, select: { id: true, revokedAt: true, role: true } });
    return { inserted: null, existing: row ? { id: row.id, revoked: row.revokedAt !== null, role: row.role } : null };
  }
}
