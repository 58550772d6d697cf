import { Global, Module } from '@nestjs/common';
import { AuditLogReader } from './audit-log.reader.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditLogReader], exports: [AuditService] })
export class AuditModule {}
