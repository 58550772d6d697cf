import { Module } from '@nestjs/common';
import { InvoiceLifecycleService } from './invoice-lifecycle.service.js';
import { InvoicesController } from './invoices.controller.js';
import { InvoicesRepository } from './invoices.repository.js';
import { INVOICE_CLOCK, INVOICE_NUMBERING } from './invoices.tokens.js';
import { readNumberingConfig } from './numbering.js';

@Module({
  controllers: [InvoicesController],
  providers: [
    InvoicesRepository,
    InvoiceLifecycleService,
    { provide: INVOICE_NUMBERING, useFactory: () => readNumberingConfig(process.env) },
    { provide: INVOICE_CLOCK, useValue: () => new Date() },
  ],
  exports: [InvoicesRepository, InvoiceLifecycleService, INVOICE_NUMBERING],
})
export class InvoicesModule {}
