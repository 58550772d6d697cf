// Quotes: price a proposed amendment under the published policies against
// the stored book and ledger (the planner's own code path: simulate on the
// amended book), store it, and on accept place exactly what was priced.
// Accepting refuses (409) when the quote is not open, or when the book, the
// ledger or the published policies changed since it was priced: the next run
// would then not bill what the quote says. With an Idempotency-Key, a retried
// accept answers with the quote the first one accepted (api/common/idempotency-key.ts).
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { InvoiceLine } from '../../engine/results/index.js';
import { AuditService } from '../audit/audit.service.js';
import { BookRepository } from '../book/book.repository.js';
import { IdempotencyKeyReused, idempotencyKeyReusedProblem, type IdempotencyKeys, idempotencyKeysFrom, type IdempotentRequest } from '../common/idempotency-key.js';
import { ConflictProblem, NotFoundProblem } from '../common/problem.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { loadEngine } from '../policies/engine-port.js';
import { moneyText } from '../invoices/invoice-format.js';
import { Dec } from '../../engine/money/decimal.js';
import { PolicyLibraryService } from '../policies/policy-library.service.js';
import { amendBook, type Placement, type QuoteChange } from './quote-amendment.js';

export interface QuoteResult {
  readonly currency: string;
  /** Charges and credits of the changed and new order products a run on asOf bills. */
  readonly lines: readonly InvoiceLine[];
  readonly total: string;
  readonly holds: readonly { orderProductId: string; reasons: readonly string[]; explanation: string }[];
  readonly errors: readonly { orderProductId: string; code: string; message: string }[];
}

export interface QuoteView {
  readonly id: string;
  readonly accountId: string;
  readonly asOf: string;
  readonly status: 'open' | 'accepted';
  readonly change: QuoteChange;
  readonly placement: Placement;
  readonly result: QuoteResult;
  readonly createdAt: string;
  readonly acceptedAt: string | null;
}

@Injectable()
export class QuotesService {
  private readonly keys: IdempotencyKeys;

  constructor(
    private readonly prisma: PrismaService,
    private readonly books: BookRepository,
    private readonly library: PolicyLibraryService,
    private readonly audit: AuditService,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.keys = idempotencyKeysFrom(options);
  }

  async create(input: { asOf: string; change: QuoteChange }, actorKeyId: string | null): Promise<QuoteView> {
    const accountId = await this.accountOf(input.change.orderProductId);
    const [book, lib, engine] = await Promise.all([this.books.loadAll({ accountIds: [accountId] }), this.library.publishedLibrary(), loadEngine()]);
    const amended = amendBook(book, input.change, input.asOf, `Q${randomBytes(5).toString('hex')}`);
    const sim = engine.simulate(amended.book, input.asOf, lib.set, lib.registry);
    const affected = new Set(amended.affected);
    const invoices = sim.invoices.filter((i) => i.accountId === accountId);
    const lines = invoices.flatMap((i) => i.lines).filter((l) => affected.has(l.orderProductId));
    const currency = book.accounts.find((a) => a.id === accountId)!.currency;
    const result: QuoteResult = {
      currency,
      lines,
      total: moneyText(lines.reduce((s, l) => s.plus(l.amount), Dec(0)), currency),
      holds: sim.holds.filter((h) => affected.has(h.orderProductId)).map((h) => ({ orderProductId: h.orderProductId, reasons: h.reasons, explanation: engine.holdText(h.reasons, h.policies) })),
      errors: sim.errors.filter((e) => affected.has(e.orderProductId)).map((e) => ({ orderProductId: e.orderProductId, code: e.code, message: e.message })),
    };
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.quote.create({
        data: {
          accountId,
          asOf: new Date(`${input.asOf}T00:00:00.000Z`),
          request: input.change as unknown as Prisma.InputJsonValue,
          placement: amended.placement as unknown as Prisma.InputJsonValue,
          result: result as unknown as Prisma.InputJsonValue,
          policyVersions: lib.versions as unknown as Prisma.InputJsonValue,
          createdBy: actorKeyId,
        },
      });
      await this.audit.record(tx, { actorKeyId, action: 'quote.create', subject: created.id, detail: { accountId, change: input.change as unknown as Prisma.InputJsonValue, total: result.total } });
      return created;
    });
    return view(row);
  }

  async get(id: string): Promise<QuoteView> {
    const row = await this.prisma.quote.findUnique({ where: { id } });
    if (!row) throw new NotFoundProblem(`no quote with id '${id}'`);
    return view(row);
  }

  /**
   * Places the quoted amendment in the book, in one transaction with its audit
   * row. With `once` (an Idempotency-Key), a retry answers with the quote as
   * it is now (`replayed`) instead of a 409; concurrent retries accept once.
   */
  async accept(id: string, actorKeyId: string | null, once?: IdempotentRequest): Promise<{ quote: QuoteView; replayed: boolean }> {
    const lib = await this.library.publishedLibrary();
    if (!once) return { quote: view(await this.prisma.$transaction((tx) => this.acceptTx(tx, id, actorKeyId, lib.versions))), replayed: false };
    const done = await this.prisma
      .$transaction((tx) => this.keys.once(tx, once, async () => (await this.acceptTx(tx, id, actorKeyId, lib.versions)).id))
      .catch((e: unknown) => {
        throw e instanceof IdempotencyKeyReused ? idempotencyKeyReusedProblem(e) : e;
      });
    return { quote: await this.get(done.id), replayed: done.replayed };
  }

  private async acceptTx(tx: Prisma.TransactionClient, id: string, actorKeyId: string | null, versions: unknown) {
    const [q] = await tx.$queryRawUnsafe<{ status: string; createdAt: Date; accountId: string; policyVersions: unknown }[]>(
      `SELECT status, created_at AS "createdAt", account_id AS "accountId", policy_versions AS "policyVersions" FROM quotes WHERE id = $1 FOR UPDATE`,
      id,
    );
    if (!q) throw new NotFoundProblem(`no quote with id '${id}'`);
    if (q.status !== 'open') throw new ConflictProblem(`quote ${id} is ${q.status}: only an open quote can be accepted`, { status: q.status });
    // compared by value: JSONB keeps no key order, so the stored text never equals JSON.stringify of the objects
    if (versionsKey(q.policyVersions) !== versionsKey(versions)) {
      throw new ConflictProblem(`the published policies changed since quote ${id} was priced: quote again`, { status: q.status });
    }
    const [changed] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `SELECT ((SELECT count(*) FROM order_products op JOIN orders o ON o.id = op.order_id WHERE o.account_id = $1 AND op.updated_at > $2)
             + (SELECT count(*) FROM orders WHERE account_id = $1 AND updated_at > $2)
             + (SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                 WHERE i.account_id = $1 AND NOT l.dry_run AND (i.created_at > $2 OR i.voided_at > $2)))::int AS n`,
      q.accountId,
      q.createdAt,
    );
    if (changed.n > 0) throw new ConflictProblem(`the book or the invoices of account ${q.accountId} changed since quote ${id} was priced: quote again`, { status: q.status });
    const full = await tx.quote.findUniqueOrThrow({ where: { id } });
    const placement = full.placement as unknown as Placement;
    await this.books.upsert(tx, { accounts: [], contracts: [], orders: placement.orders, orderProducts: placement.orderProducts, invoiced: [] });
    const accepted = await tx.quote.update({ where: { id }, data: { status: 'accepted', acceptedAt: new Date() } });
    await this.audit.record(tx, { actorKeyId, action: 'quote.accept', subject: id, detail: { accountId: q.accountId, orderProducts: placement.orderProducts.map((p) => p.id) } });
    return accepted;
  }

  private async accountOf(orderProductId: string): Promise<string> {
    const op = await this.prisma.orderProduct.findUnique({ where: { id: orderProductId }, select: { order: { select: { accountId: true } } } });
    if (!op) throw new NotFoundProblem(`no order product with id '${orderProductId}'`);
    return op.order.accountId;
  }
}

function view(r: {
  id: string;
  accountId: string;
  asOf: Date;
  status: string;
  request: unknown;
  placement: unknown;
  result: unknown;
  createdAt: Date;
  acceptedAt: Date | null;
}): QuoteView {
  return {
    id: r.id,
    accountId: r.accountId,
    asOf: r.asOf.toISOString().slice(0, 10),
    status: r.status as QuoteView['status'],
    change: r.request as QuoteChange,
    placement: r.placement as Placement,
    result: r.result as QuoteResult,
    createdAt: r.createdAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  };
}

/** `document@version#checksum` of each published version, in order: what "the policies changed" compares. */
function versionsKey(versions: unknown): string {
  if (!Array.isArray(versions)) return '';
  return versions.map((v: { document?: unknown; version?: unknown; checksum?: unknown }) => `${String(v.document)}@${String(v.version)}#${String(v.checksum)}`).join('\n');
}
