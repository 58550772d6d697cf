// API keys: random secrets shown once, stored as sha256 hashes. The admin key
// comes from PROVISO_ADMIN_KEY, or is generated at the first start.
import { z } from 'zod';
import { decodeCursor, msTimestampKey, type Page, pageOf } from '../common/cursor.js';
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ConflictProblem, NotFoundProblem } from '../common/problem.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { ApiKeysRepository, type ApiKeyRow } from './api-keys.repository.js';
import type { AuthenticatedKey, Role } from './roles.js';

/** Serialises "is there an admin key yet?" across instances (transaction-scoped). */
const ADMIN_KEY_LOCK = 72707370;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateKey(): string {
  return `pvk_${randomBytes(24).toString('base64url')}`;
}

function prefixOf(key: string): string {
  return key.slice(0, 8);
}

const CREATED_CURSOR = z.tuple([msTimestampKey, z.string().min(1).max(200)]);

export interface ApiKeyView {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function keyView(r: ApiKeyRow): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  private readonly touched = new Map<string, number>();

  async authenticate(key: string): Promise<AuthenticatedKey | null> {
    if (!key || key.length > 200) return null;
    const row = await this.keys.findActiveByHash(hashKey(key));
    if (!row) return null;
    await this.touch(row.id);
    return { id: row.id, name: row.name, role: row.role as Role };
  }

  /** Records when a key was last used, at most every five minutes per key and process (best effort). */
  private async touch(id: string): Promise<void> {
    const now = Date.now();
    if (now - (this.touched.get(id) ?? 0) < 300_000) return;
    this.touched.set(id, now);
    await this.prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
  }

  /**
   * Makes sure an admin can get in. With `configuredKey` (PROVISO_ADMIN_KEY) that
   * key is stored as admin the first time (one audit row); a key revoked since
   * stays revoked: the result carries a warning for the start banner instead.
   * Without it, a key is generated only when no active admin key exists; the
   * new key is returned (print it once), else null.
   */
  async ensureAdminKey(configuredKey?: string): Promise<{ generated: string | null; warning?: string }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADMIN_KEY_LOCK})`);
      if (configuredKey) {
        const r = await this.keys.insertAdminIfAbsent(tx, hashKey(configuredKey), prefixOf(configuredKey));
        if (r.inserted) {
          await this.audit.record(tx, { actorKeyId: null, action: 'key.admin-ensure', subject: r.inserted, detail: { fromEnv: true } });
          return { generated: null };
        }
        if (r.existing?.revoked) {
          return {
            generated: null,
            warning:
              'PROVISO_ADMIN_KEY names a key that was revoked; it stays revoked and cannot sign in. ' +
              'Sign in with another admin key, or set PROVISO_ADMIN_KEY to a new secret.',
          };
        }
        if (r.existing && r.existing.role !== 'admin') {
          return { generated: null, warning: `PROVISO_ADMIN_KEY names an existing ${r.existing.role} key; it was not made admin.` };
        }
        return { generated: null };
      }
      if ((await this.keys.countActiveAdmins(tx)) > 0) return { generated: null };
      const key = generateKey();
      const row = await this.keys.create(tx, { name: 'admin (generated at first start)', role: 'admin', keyHash: hashKey(key), prefix: prefixOf(key) });
      await this.audit.record(tx, { actorKeyId: null, action: 'key.admin-ensure', subject: row.id, detail: { generated: true } });
      return { generated: key };
    });
  }

  async create(actor: AuthenticatedKey | undefined, name: string, role: Role): Promise<ApiKeyView & { key: string }> {
    const key = generateKey();
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await this.keys.create(tx, { name, role, keyHash: hashKey(key), prefix: prefixOf(key) });
      await this.audit.record(tx, { actorKeyId: actor?.id, action: 'key.create', subject: created.id, detail: { name, role } });
      return created;
    });
    return { ...keyView(row), key };
  }

  async get(id: string): Promise<ApiKeyView> {
    const row = await this.keys.findById(id);
    if (!row) throw new NotFoundProblem(`no API key with id '${id}'`);
    return keyView(row);
  }

  async list(limit: number, cursor?: string): Promise<Page<ApiKeyView>> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, CREATED_CURSOR);
    return pageOf(await this.keys.list(limit + 1, after), limit, (k) => [k.createdAt.toISOString(), k.id], keyView);
  }

  /**
   * Revokes a key; revoking a revoked key changes nothing and writes no audit
   * row. Revocations serialise on one advisory lock, so concurrent ones write
   * exactly one audit row and can never revoke the last admin between them.
   */
  async revoke(actor: AuthenticatedKey | undefined, id: string): Promise<ApiKeyView> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADMIN_KEY_LOCK})`);
      const row = await this.keys.find(tx, id);
      if (!row) throw new NotFoundProblem(`no API key with id '${id}'`);
      if (row.revokedAt) return keyView(row);
      if (row.role === 'admin' && (await this.keys.countActiveAdmins(tx, id)) === 0) {
        throw new ConflictProblem('refusing to revoke the last active admin key');
      }
      if ((await this.keys.revoke(tx, id)) === 1) {
        await this.audit.record(tx, { actorKeyId: actor?.id, action: 'key.revoke', subject: id, detail: { name: row.name, role: row.role } });
      }
      const after = await this.keys.find(tx, id);
      return keyView(after!);
    });
  }
}
