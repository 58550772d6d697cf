// GET /api/audit: the history an editor shows for an invoice, run, policy or key.
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../common/cursor.js';
import { ApiReturns } from '../common/openapi.js';
import { ZodQuery } from '../common/zod-validation.js';
import { AuditLogReader } from './audit-log.reader.js';
import { AUDIT_ENTITY_TYPES } from './audit.service.js';

const AuditQuery = pageQuery(50, 500).extend({
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
  entityId: z.string().min(1).max(200).optional(),
});

const AuditEntrySchema = z
  .strictObject({
    id: z.string(),
    at: z.string(),
    actorKeyId: z.string().nullable(),
    actorName: z.string().nullable().describe('the name of the API key that acted'),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).describe('what the action changed; its fields depend on the action'),
  })
  .meta({ id: 'AuditEntry' });

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLogReader) {}

  @Get()
  @ApiOperation({ operationId: 'listAudit', summary: 'Audit rows, newest first, filtered by entity (cursor-paged)' })
  @ApiReturns(pageSchema(AuditEntrySchema, 'AuditPage'))
  list(@ZodQuery(AuditQuery) q: z.infer<typeof AuditQuery>) {
    return this.audit.list(q);
  }
}
