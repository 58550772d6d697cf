// First-start seed: the sample policy library from rules/*.policy (published as
// version 1, author "seed", message "Sample library") and the demo order book
// rules/demo-book.json. Runs only on an empty database, in one transaction under
// an advisory lock, so several instances starting together seed once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { parseOrderBook } from '../../engine/book/validate-book.js';
import type { OrderBook } from '../../engine/book/book-types.js';
import type { Prisma } from '../generated/prisma/client.js';
import { AuditService } from '../audit/audit.service.js';
import { BookRepository, type UpsertCounts } from '../book/book.repository.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { policyChecksum } from '../policies/policy-checksum.js';
import { PolicyLibraryService } from '../policies/policy-library.service.js';
import { packageRoot } from '../policies/project-config.js';

const SEED_LOCK = 72707371;

export interface SeedResult {
  readonly policies: { readonly published: string[]; readonly drafts: string[] };
  readonly book: UpsertCounts | null;
}

@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly prisma: PrismaService,
    private readonly policies: PoliciesRepository,
    private readonly library: PolicyLibraryService,
    private readonly books: BookRepository,
    private readonly audit: AuditService,
  ) {}

  async seedIfEmpty(rulesDir: string = join(packageRoot(), 'rules')): Promise<SeedResult | null> {
    const needPolicies = await this.policies.isEmpty();
    const needBook = await this.books.isEmpty();
    if (!needPolicies && !needBook) return null;

    const files = existsSync(rulesDir) ? readdirSync(rulesDir).filter((f) => f.endsWith('.policy')).sort() : [];
    const docs = files.map((name) => ({ name, source: readFileSync(join(rulesDir, name), 'utf8') }));
    let clean = new Set(docs.map((d) => d.name));
    if (needPolicies && docs.length > 0) {
      try {
        const model = await this.library.check(docs);
        const bad = new Set(model.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file ?? ''));
        clean = new Set(docs.map((d) => d.name).filter((n) => !bad.has(n)));
        if (bad.size > 0) this.logger.warn(`sample policies with errors stay drafts: ${[...bad].join(', ')}`);
      } catch (e) {
        clean = new Set();
        this.logger.warn(`cannot check the sample policies (${e instanceof Error ? e.message : String(e)}); they are stored as drafts`);
      }
    }
    let book: OrderBook | null = null;
    const bookFile = join(rulesDir, 'demo-book.json');
    if (needBook && existsSync(bookFile)) {
      const parsed = parseOrderBook(JSON.parse(readFileSync(bookFile, 'utf8')));
      if (parsed.ok) book = parsed.book;
      else this.logger.warn(`demo book not loaded: ${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
    }

    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
      const result = { policies: { published: [] as string[], drafts: [] as string[] }, book: null as UpsertCounts | null };
      if (needPolicies && (await tx.policyDocument.count()) === 0) {
        for (const d of docs) {
          const publish = clean.has(d.name);
          const doc = await this.policies.createDocument(tx, { name: d.name, draftSource: d.source, draftUpdatedBy: 'seed' });
          if (publish) {
            await this.policies.insertVersion(tx, {
              documentId: doc.id,
              version: 1,
              source: d.source,
              message: 'Sample library',
              author: 'seed',
              checksum: policyChecksum(d.source),
            });
            await this.policies.setCurrentVersion(tx, doc.id, 1, d.source);
          }
          (publish ? result.policies.published : result.policies.drafts).push(d.name);
        }
      }
      if (book && (await tx.orderProduct.count()) === 0) result.book = await this.books.upsert(tx, book);
      await this.audit.record(tx, { actorKeyId: null, action: 'seed', subject: 'database', detail: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue });
      return result;
    });
  }
}
