import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { DATABASE } from '../persistence/persistence.module.js';
import type { Database } from '../persistence/prisma-client.factory.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database ping (no API key needed)' })
  async health() {
    const started = Date.now();
    try {
      await this.db.prisma.$queryRawUnsafe('SELECT 1');
    } catch (e) {
      throw new HttpException(
        { statusCode: 503, error: 'Service Unavailable', message: `database unreachable: ${e instanceof Error ? e.message : String(e)}` },
        503,
      );
    }
    return { status: 'ok', database: { kind: this.db.kind, pingMs: Date.now() - started } };
  }
}
