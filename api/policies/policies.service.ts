// Policy documents: drafts, checks, publishing immutable versions, rollback.
// Every write is one transaction with its audit row.
import { z } from 'zod';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ConflictProblem, NotFoundProblem, UnprocessableProblem } from '../common/problem.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { PoliciesRepository, type DocumentRow, type VersionRow } from './policies.repository.js';
import { policyChecksum } from './policy-checksum.js';
import { PolicyCheckService } from './policy-check.service.js';
import type { PositionedDiagnostic } from './policy-library.service.js';
import { emitWebhookEvent } from '../webhooks/webhook-events.js';
import type { Prisma } from '../generated/prisma/client.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { fourEyesOn } from './four-eyes.js';

const NAME_CURSOR = z.tuple([z.string().min(1).max(200)]);

function counts(diags: readonly PositionedDiagnostic[]) {
  return {
    errorCount: diags.filter((d) => d.severity === 'error').length,
    warningCount: diags.filter((d) => d.severity === 'warning').length,
  };
}

export function versionView(v: Omit<VersionRow, 'source'> & { source?: string }) {
  return {
    version: v.version,
    message: v.message,
    author: v.author,
    checksum: v.checksum,
    createdAt: v.createdAt.toISOString(),
    ...(v.source !== undefined ? { source: v.source } : {}),
  };
}

function actorName(actor: AuthenticatedKey | undefined): string {
  return actor ? actor.name : 'system';
}

@Injectable()
export class PoliciesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: PoliciesRepository,
    private readonly checks: PolicyCheckService,
    private readonly audit: AuditService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  private async documentOr404(id: string): Promise<DocumentRow> {
    const doc = await this.repo.findDocument(id);
    if (!doc) throw new NotFoundProblem(`no policy document with id '${id}'`);
    return doc;
  }

  private async publishedSource(doc: DocumentRow): Promise<string | null> {
    if (doc.currentVersion == null) return null;
    return (await this.repo.findVersion(doc.id, doc.currentVersion))?.source ?? null;
  }

  async create(actor: AuthenticatedKey | undefined, name: string, source: string) {
    const diagnostics = await this.checks.check({ name, source });
    const doc = await this.prisma.$transaction(async (tx) => {
      if (await this.repo.findByName(name, tx)) throw new ConflictProblem(`a policy document named '${name}' already exists`, [{ path: 'body.name', message: 'name already taken' }]);
      const created = await this.repo.createDocument(tx, { name, draftSource: source, draftUpdatedBy: actor?.name ?? null });
      await this.audit.record(tx, { actorKeyId: actor?.id, action: 'policy.create', subject: created.id, detail: { name } });
      return created;
    });
    return { id: doc.id, name: doc.name, status: doc.status, diagnostics, ...counts(diagnostics) };
  }

  async updateDraft(actor: AuthenticatedKey | undefined, id: string, source: string) {
    const doc = await this.documentOr404(id);
    const diagnostics = await this.checks.check({ id, name: doc.name, source });
    const updated = await this.prisma.$transaction(async (tx) => {
      const locked = await this.repo.lockDocument(tx, id);
      if (!locked) throw new NotFoundProblem(`no policy document with id '${id}'`);
      const published = locked.currentVersion == null ? null : (await this.repo.findVersion(id, locked.currentVersion, tx))?.source;
      // An archived document stays archived while edited; publishing it brings it back.
      const status = locked.status === 'archived' ? 'archived' : published == null ? 'draft' : published === source ? 'published' : 'changed';
      const row = await this.repo.updateDraft(tx, id, { draftSource: source, draftUpdatedBy: actor?.name ?? null, status });
      await this.audit.record(tx, { actorKeyId: actor?.id, action: 'policy.update', subject: id, detail: { name: doc.name } });
      return row;
    });
    return { id, name: updated.name, status: updated.status, diagnostics, ...counts(diagnostics) };
  }

  /** By name, a page at a time (the page's drafts checked with the rest of the library, in one heavy job). */
  async list(limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, NAME_CURSOR)[0];
    const docs = await this.repo.pageDocuments(limit + 1, after);
    const page = docs.slice(0, limit);
    const diagnostics = await this.checks.checkEach(page.map((d) => ({ id: d.id, name: d.name, source: d.draftSource })));
    return { ...pageOf(docs, limit, (d) => [d.name]), items: page.map((doc, i) => this.summary(doc, diagnostics[i])) };
  }

  private summary(doc: DocumentRow, diagnostics: readonly PositionedDiagnostic[]) {
    return {
      id: doc.id,
      name: doc.name,
      status: doc.status,
      publishedVersion: doc.currentVersion,
      currentVersion: doc.currentVersion,
      draftChanged: doc.status !== 'published',
      ...counts(diagnostics),
      updatedAt: doc.draftUpdatedAt.toISOString(),
      updatedBy: doc.draftUpdatedBy,
      createdAt: doc.createdAt.toISOString(),
    };
  }

  async get(id: string) {
    const doc = await this.documentOr404(id);
    const diagnostics = await this.checks.check({ id, name: doc.name, source: doc.draftSource });
    return {
      ...this.summary(doc, diagnostics),
      draftSource: doc.draftSource,
      publishedSource: await this.publishedSource(doc),
      diagnostics,
    };
  }

  async versions(id: string) {
    await this.documentOr404(id);
    return (await this.repo.listVersions(id)).map(versionView);
  }

  async version(id: string, version: number) {
    await this.documentOr404(id);
    const v = await this.repo.findVersion(id, version);
    if (!v) throw new NotFoundProblem(`policy document '${id}' has no version ${version}`);
    return versionView(v);
  }

  /** Publishes the draft as the next version; refused (422) while it has errors, (409) when publishing needs approval. */
  async publish(actor: AuthenticatedKey | undefined, id: string, message: string) {
    const doc = await this.documentOr404(id);
    this.refuseWithoutApproval(doc);
    return this.publishSource(actor, doc, doc.draftSource, message, 'policy.publish', null);
  }

  /** Publishes an earlier version's source anew, as a new version; the draft follows. */
  async rollback(actor: AuthenticatedKey | undefined, id: string, version: number, message: string) {
    const doc = await this.documentOr404(id);
    this.refuseWithoutApproval(doc, version);
    const old = await this.repo.findVersion(id, version);
    if (!old) throw new NotFoundProblem(`policy document '${id}' has no version ${version}`);
    return this.publishSource(actor, doc, old.source, message, 'policy.rollback', version);
  }

  /** With four eyes on, a publish (or a rollback to `rollbackTo`) goes through a request another admin approves. */
  private refuseWithoutApproval(doc: DocumentRow, rollbackTo?: number): void {
    if (!fourEyesOn(this.options)) return;
    if (rollbackTo === undefined) {
      throw new ConflictProblem(
        `publishing '${doc.name}' needs the approval of another admin (four eyes); request it with POST /api/policies/${doc.id}/publish-requests`,
      );
    }
    throw new ConflictProblem(
      `rolling '${doc.name}' back to version ${rollbackTo} needs the approval of another admin (four eyes); request it with POST /api/policies/${doc.id}/publish-requests and {"rollbackTo": ${rollbackTo}}`,
      [{ path: 'body.version', message: 'needs a publish request (four eyes)' }],
    );
  }

  /**
   * Publishes an approved request's source (four eyes): the version's author is
   * the requester, the audit actor the approver; `inTransaction` records the
   * decision in the same transaction, so a request publishes at most once.
   */
  async publishApproved(
    approver: AuthenticatedKey,
    doc: DocumentRow,
    request: { id: string; source: string; message: string; requesterName: string; rollbackTo: number | null },
    inTransaction: (tx: Prisma.TransactionClient, version: number) => Promise<void>,
  ) {
    const action = request.rollbackTo === null ? 'policy.publish' : 'policy.rollback';
    return this.publishSource(approver, doc, request.source, request.message, action, request.rollbackTo, {
      author: request.requesterName,
      auditDetail: { request: request.id },
      inTransaction,
    });
  }

  async document(id: string): Promise<DocumentRow> {
    return this.documentOr404(id);
  }

  private async publishSource(
    actor: AuthenticatedKey | undefined,
    doc: DocumentRow,
    source: string,
    message: string,
    action: 'policy.publish' | 'policy.rollback',
    rolledBackFrom: number | null,
    approved?: {
      author: string;
      auditDetail: Record<string, string>;
      inTransaction: (tx: Prisma.TransactionClient, version: number) => Promise<void>;
    },
  ) {
    const diagnostics = await this.checks.check({ id: doc.id, name: doc.name, source });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      throw new UnprocessableProblem(
        `'${doc.name}' has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before publishing: ` +
          errors
            .slice(0, 3)
            .map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)
            .join('; '),
        diagnostics,
      );
    }
    const result = await this.prisma.$transaction(async (tx) => {
      const locked = await this.repo.lockDocument(tx, doc.id);
      if (!locked) throw new NotFoundProblem(`no policy document with id '${doc.id}'`);
      const next = (await this.repo.maxVersion(tx, doc.id)) + 1;
      const v = await this.repo.insertVersion(tx, {
        documentId: doc.id,
        version: next,
        source,
        message,
        author: approved?.author ?? actorName(actor),
        checksum: policyChecksum(source),
      });
      await this.repo.setCurrentVersion(tx, doc.id, next, source);
      if (approved) await approved.inTransaction(tx, next);
      await this.audit.record(tx, {
        actorKeyId: actor?.id,
        action,
        subject: doc.id,
        detail: {
          name: doc.name,
          version: next,
          checksum: v.checksum,
          ...(rolledBackFrom !== null ? { from: rolledBackFrom } : {}),
          ...(approved ? approved.auditDetail : {}),
        },
      });
      await emitWebhookEvent(tx, 'policy.published', {
        documentId: doc.id,
        name: doc.name,
        version: next,
        checksum: v.checksum,
        message,
        author: approved?.author ?? actorName(actor),
        rolledBackFrom,
      });
      return v;
    });
    return { id: doc.id, name: doc.name, ...versionView(result), diagnostics };
  }

  /**
   * Deletes a draft document that was never published (DELETE /api/policies/:id,
   * author). A published document has versions audit needs: archive it instead.
   */
  async deleteDraft(actor: AuthenticatedKey | undefined, id: string): Promise<{ id: string; name: string; deleted: true }> {
    return this.prisma.$transaction(async (tx) => {
      const doc = await this.repo.lockDocument(tx, id);
      if (!doc) throw new NotFoundProblem(`no policy document with id '${id}'`);
      if (doc.currentVersion !== null) {
        throw new ConflictProblem(`'${doc.name}' has published versions and cannot be deleted; an admin can archive it (POST /api/policies/${id}/archive)`);
      }
      await this.repo.deleteDraftDocument(tx, id);
      await this.audit.record(tx, { actorKeyId: actor?.id, action: 'policy.delete', subject: id, detail: { name: doc.name } });
      return { id, name: doc.name, deleted: true as const };
    });
  }

  /**
   * Archives a published document (POST /api/policies/:id/archive, admin): it
   * leaves the published library (runs and simulations no longer apply it);
   * its versions stay readable. Publishing it again brings it back.
   */
  async archive(actor: AuthenticatedKey | undefined, id: string): Promise<{ id: string; name: string; status: string }> {
    return this.prisma.$transaction(async (tx) => {
      const doc = await this.repo.lockDocument(tx, id);
      if (!doc) throw new NotFoundProblem(`no policy document with id '${id}'`);
      if (doc.currentVersion === null) throw new ConflictProblem(`'${doc.name}' was never published; delete the draft instead (DELETE /api/policies/${id})`);
      if (doc.status === 'archived') return { id, name: doc.name, status: doc.status };
      const row = await this.repo.archive(tx, id);
      await this.audit.record(tx, { actorKeyId: actor?.id, action: 'policy.archive', subject: id, detail: { name: doc.name, version: doc.currentVersion } });
      return { id, name: row.name, status: row.status };
    });
  }

  /** Used by the seed: creates and publishes in one go (author given). */
  async seedDocument(name: string, source: string, publish: boolean, author: string, message: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const doc = await this.repo.createDocument(tx, { name, draftSource: source, draftUpdatedBy: author });
      if (publish) {
        await this.repo.insertVersion(tx, { documentId: doc.id, version: 1, source, message, author, checksum: policyChecksum(source) });
        await this.repo.setCurrentVersion(tx, doc.id, 1, source);
      }
      await this.audit.record(tx, { actorKeyId: null, action: 'seed', subject: doc.id, detail: { name, published: publish } });
    });
  }
}

