// GET /api/audit: the history an editor shows for an invoice, run, policy or key.
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiZodQuery, ZodQuery } from '../common/zod-validation.js';
import { AuditLogReader } from './audit-log.reader.js';
import { AUDIT_ENTITY_TYPES } from './audit.service.js';

const AuditQuery = z.strictObject({
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
  entityId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLogReader) {}

  @Get()
  @ApiOperation({ summary: 'Audit rows, newest first, filtered by entity; { items, nextCursor }' })
  @ApiZodQuery(AuditQuery)
  list(@ZodQuery(AuditQuery) q: z.infer<typeof AuditQuery>) {
    return this.audit.list(q);
  }
}
