// Liveness (/api/health) and readiness (/api/health/ready), without an API key.
// Neither ever shows a database error's text (it may name hosts, users or
// SQL): the state is a word, the details go to the log.
import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/auth.decorators.js';
import { ApiReturns } from '../common/openapi.js';
import { DATABASE } from '../persistence/persistence.module.js';
import type { Database } from '../persistence/prisma-client.factory.js';
import { loadMigrations } from '../persistence/migrator.js';

type DbState = 'up' | 'down' | 'migrations-pending';

const DbKind = z.enum(['pglite', 'postgres']);
const HealthSchema = z
  .strictObject({ status: z.enum(['ok', 'degraded']), database: z.strictObject({ kind: DbKind, state: z.enum(['up', 'down']), pingMs: z.number() }) })
  .meta({ id: 'Health' });
const ReadinessSchema = z
  .strictObject({ status: z.enum(['ready', 'not-ready']), database: z.strictObject({ kind: DbKind, state: z.enum(['up', 'down', 'migrations-pending']) }) })
  .meta({ id: 'Readiness' });

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness: the process answers; database state up/down (no API key needed)', security: [] })
  @ApiReturns(HealthSchema)
  @ApiReturns(HealthSchema, { status: 503, description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) res: Response) {
    const ping = await this.ping();
    const body = { status: ping.ok ? 'ok' : 'degraded', database: { kind: this.db.kind, state: (ping.ok ? 'up' : 'down') as DbState, pingMs: ping.ms } };
    if (!ping.ok) res.status(503);
    return body;
  }

  @Get('ready')
  @Public()
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: the database answers and every migration of this build is applied (503 otherwise)', security: [] })
  @ApiReturns(ReadinessSchema)
  @ApiReturns(ReadinessSchema, { status: 503, description: 'Not ready: the database is down or migrations are pending' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const ping = await this.ping();
    let state: DbState = ping.ok ? 'up' : 'down';
    if (ping.ok) {
      try {
        const rows = await this.db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
          'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        );
        const applied = new Set(rows.map((r) => r.migration_name));
        if (loadMigrations().some((m) => !applied.has(m.name))) state = 'migrations-pending';
      } catch (e) {
        this.logger.error(`readiness: cannot read the migrations table: ${e instanceof Error ? e.message : String(e)}`);
        state = 'migrations-pending';
      }
    }
    const body = { status: state === 'up' ? 'ready' : 'not-ready', database: { kind: this.db.kind, state } };
    if (state !== 'up') res.status(503);
    return body;
  }

  private async ping(): Promise<{ ok: boolean; ms: number }> {
    const started = Date.now();
    try {
      await this.db.prisma.$queryRawUnsafe('SELECT 1');
      return { ok: true, ms: Date.now() - started };
    } catch (e) {
      this.logger.error(`database ping failed: ${e instanceof Error ? e.message : String(e)}`);
      return { ok: false, ms: Date.now() - started };
    }
  }
}
