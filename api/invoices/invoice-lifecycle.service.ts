// Post, discard and void: one service method each, each one transaction
// (its audit row inside). The transaction bodies live in invoice-lifecycle.ts
// and take the transaction, so a caller that must write more with the change
// (an outbox event) can run them inside its own.
import { Inject, Injectable } from '@nestjs/common';
import { todayInZone } from '../billing-runs/run-config.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import {
  discardInvoiceTx,
  postInvoiceTx,
  postRunTx,
  voidInvoiceTx,
  type DiscardResult,
  type PostedInvoice,
  type VoidResult,
} from './invoice-lifecycle.js';
import type { NumberingConfig } from './numbering.js';
import { INVOICE_CLOCK, INVOICE_NUMBERING } from './invoices.tokens.js';

@Injectable()
export class InvoiceLifecycleService {
  private readonly timeZone = (process.env.PROVISO_TIMEZONE ?? '').trim() || 'UTC';

  constructor(
    private readonly prisma: PrismaService,
    @Inject(INVOICE_NUMBERING) private readonly numbering: NumberingConfig,
    @Inject(INVOICE_CLOCK) private readonly now: () => Date,
  ) {}

  /** Posts one draft: the next number of its series. */
  post(id: string, actorKeyId: string | null): Promise<PostedInvoice> {
    return this.prisma.$transaction((tx) => postInvoiceTx(tx, id, this.numbering, actorKeyId));
  }

  /** Posts every draft of a completed run, numbered in account order. */
  async postRun(runId: string, actorKeyId: string | null): Promise<{ posted: PostedInvoice[] }> {
    return { posted: await this.prisma.$transaction((tx) => postRunTx(tx, runId, this.numbering, actorKeyId)) };
  }

  /** Deletes a draft; its coverage is billable again. */
  discard(id: string, actorKeyId: string | null): Promise<DiscardResult> {
    return this.prisma.$transaction((tx) => discardInvoiceTx(tx, id, actorKeyId));
  }

  /** Voids a posted invoice: credit note, coverage released for the next run to rebill. */
  void(id: string, reason: string | null, actorKeyId: string | null): Promise<VoidResult> {
    const today = todayInZone(this.now(), this.timeZone);
    return this.prisma.$transaction((tx) => voidInvoiceTx(tx, id, { reason, today, numbering: this.numbering, actorKeyId }));
  }
}
