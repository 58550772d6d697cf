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

  list(): Promise<ApiKeyRow[]> {
    return this.prisma.apiKey.findMany({ select: PUBLIC_FIELDS, orderBy: { createdAt: 'asc' } });
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

  /** Inserts or re-activates the key with this hash as admin, race-safely (ON CONFLICT). */
  async upsertAdmin(tx: Prisma.TransactionClient, keyHash: string, prefix: string): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO api_keys (name, role, key_hash, prefix)
      VALUES ('admin (PROVISO_ADMIN_KEY)', 'admin', ${keyHash}, ${prefix})
      ON CONFLICT (key_hash) DO UPDATE SET role = 'admin', revoked_at = NULL`;
  }
}
