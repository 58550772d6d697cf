import { Module } from '@nestjs/common';
import { InvoicesController } from './invoices.controller.js';
import { InvoicesRepository } from './invoices.repository.js';

@Module({ controllers: [InvoicesController], providers: [InvoicesRepository], exports: [InvoicesRepository] })
export class InvoicesModule {}
