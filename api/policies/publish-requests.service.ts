// Four eyes on publishing (PROVISO_FOUR_EYES=1): an author or admin asks to
// publish a document's draft, or to roll it back to an earlier version (the
// request then holds that version's source); a different admin sees the same
// review and approves (the request's source is published) or rejects it, with
// a comment. Request, decision and who are audit rows written with the change.
import { z } from 'zod';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, UnprocessableProblem } from '../common/problem.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { decisionRefusal, fourEyesOn } from './four-eyes.js';
import { PoliciesRepository } from './policies.repository.js';
import { PoliciesService } from './policies.service.js';
import { policyChecksum } from './policy-checksum.js';
import { PolicyLibraryService } from './policy-library.service.js';

/** (requested at, id): the list order's key. */
const REQUEST_CURSOR = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), z.string().min(1).max(200)]);

export const REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

interface RequestRow {
  id: string;
  documentId: string;
  source: string;
  checksum: string;
  message: string;
  baseVersion: number | null;
  status: string;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
  publishedVersion: number | null;
  rollbackTo: number | null;
}

@Injectable()
export class PublishRequestsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: PoliciesRepository,
    private readonly policies: PoliciesService,
    private readonly library: PolicyLibraryService,
    private readonly audit: AuditService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  /** Whether publishing needs approval here (the editor asks, to show "Request approval"). */
  enabled(): boolean {
    return fourEyesOn(this.options);
  }

  /**
   * Asks to publish the document's draft as it is now, or (`rollbackTo`) an
   * earlier version's source again; refused while that source has errors or
   * another request waits.
   */
  async request(actor: AuthenticatedKey, documentId: string, message: string, rollbackTo?: number) {
    if (!this.enabled()) {
      throw new ConflictProblem(
        rollbackTo === undefined
          ? 'four eyes is off (PROVISO_FOUR_EYES); publish directly with POST /api/policies/:id/publish'
          : 'four eyes is off (PROVISO_FOUR_EYES); roll back directly with POST /api/policies/:id/rollback',
      );
    }
    const doc = await this.policies.document(documentId);
    const old = rollbackTo === undefined ? null : await this.repo.findVersion(doc.id, rollbackTo);
    if (rollbackTo !== undefined && !old) {
      throw new NotFoundProblem(`policy document '${doc.id}' has no version ${rollbackTo} to roll back to (body.rollbackTo)`);
    }
    const diagnostics = await this.library.checkWithLibrary({ id: doc.id, name: doc.name, source: old ? old.source : doc.draftSource });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const what = old ? `version ${old.version} of '${doc.name}' no longer checks clean with the library (${errors.length} error${errors.length === 1 ? '' : 's'})` : `'${doc.name}' has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them before asking to publish`;
      throw new UnprocessableProblem(what, diagnostics);
    }
    const row = await this.prisma.$transaction(async (tx) => {
      const locked = await this.repo.lockDocument(tx, doc.id);
      if (!locked) throw new NotFoundProblem(`no policy document with id '${doc.id}'`);
      const waiting = await tx.publishRequest.findFirst({ where: { documentId: doc.id, status: 'pending' } });
      if (waiting) throw new ConflictProblem(`'${doc.name}' already has a publish request waiting for approval (${waiting.id})`, { requestId: waiting.id });
      const source = old ? old.source : locked.draftSource;
      const created = await tx.publishRequest.create({
        data: {
          documentId: doc.id,
          source,
          checksum: policyChecksum(source),
          message,
          baseVersion: locked.currentVersion,
          requestedBy: actor.id,
          rollbackTo: old ? old.version : null,
        },
      });
      await this.audit.record(tx, {
        actorKeyId: actor.id,
        action: 'policy.publish-request',
        subject: doc.id,
        detail: { name: doc.name, request: created.id, checksum: created.checksum, message, ...(old ? { rollbackTo: old.version } : {}) },
      });
      return created;
    });
    return this.view(row, true);
  }

  /** Newest first (requested at, then id), a page at a time. */
  async list(status: RequestStatus | undefined, documentId: string | undefined, limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, REQUEST_CURSOR);
    const rows = await this.prisma.publishRequest.findMany({
      where: {
        ...(status ? { status } : {}),
        ...(documentId ? { documentId } : {}),
        ...(after ? { OR: [{ requestedAt: { lt: new Date(after[0]) } }, { requestedAt: new Date(after[0]), id: { gt: after[1] } }] } : {}),
      },
      orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
      take: limit + 1,
    });
    const page = pageOf(rows, limit, (r) => [r.requestedAt.toISOString(), r.id]);
    return { items: await this.views(page.items, false), nextCursor: page.nextCursor };
  }

  async get(id: string) {
    return this.view(await this.rowOr404(id), true);
  }

  /** A different admin approves: the request's source is published (checked again with today's library). */
  async approve(actor: AuthenticatedKey, id: string, comment: string) {
    const row = await this.decidable(actor, id);
    const doc = await this.policies.document(row.documentId);
    if (doc.currentVersion !== row.baseVersion) {
      throw new ConflictProblem(
        `'${doc.name}' was published since this request (now v${doc.currentVersion ?? 0}, requested on v${row.baseVersion ?? 0}); reject it and ask again`,
      );
    }
    const requesterName = await this.keyName(row.requestedBy);
    const request = { id: row.id, source: row.source, message: row.message, requesterName, rollbackTo: row.rollbackTo };
    const published = await this.policies.publishApproved(actor, doc, request, async (tx, version) => {
      if (version !== (row.baseVersion ?? 0) + 1) {
        throw new ConflictProblem(`'${doc.name}' was published since this request (now v${version - 1}, requested on v${row.baseVersion ?? 0}); reject it and ask again`);
      }
      await this.decide(tx, row.id, 'approved', actor, comment, version);
      await this.audit.record(tx, {
        actorKeyId: actor.id,
        action: 'policy.publish-approve',
        subject: doc.id,
        detail: { name: doc.name, request: row.id, requestedBy: row.requestedBy, version, comment, ...(row.rollbackTo !== null ? { rollbackTo: row.rollbackTo } : {}) },
      });
    });
    return { request: await this.get(id), published };
  }

  async reject(actor: AuthenticatedKey, id: string, comment: string) {
    const row = await this.decidable(actor, id);
    await this.prisma.$transaction(async (tx) => {
      await this.decide(tx, row.id, 'rejected', actor, comment, null);
      await this.audit.record(tx, {
        actorKeyId: actor.id,
        action: 'policy.publish-reject',
        subject: row.documentId,
        detail: { request: row.id, requestedBy: row.requestedBy, comment },
      });
    });
    return this.get(id);
  }

  /** The request, if this key may decide it now: 403 for the requester or a non-admin, 409 once decided. */
  private async decidable(actor: AuthenticatedKey, id: string): Promise<RequestRow> {
    const row = await this.rowOr404(id);
    const refusal = decisionRefusal(actor, row.requestedBy);
    if (refusal) throw new ForbiddenProblem(refusal);
    if (row.status !== 'pending') throw new ConflictProblem(await this.decidedText(row));
    return row;
  }

  /** Marks a pending request decided; a second decision (a race) finds it decided and is refused. */
  private async decide(tx: Prisma.TransactionClient, id: string, status: 'approved' | 'rejected', actor: AuthenticatedKey, comment: string, version: number | null) {
    const r = await tx.publishRequest.updateMany({
      where: { id, status: 'pending' },
      data: { status, decidedBy: actor.id, decidedAt: new Date(), comment, publishedVersion: version },
    });
    if (r.count !== 1) throw new ConflictProblem(await this.decidedText(await this.rowOr404(id)));
  }

  private async decidedText(row: RequestRow): Promise<string> {
    const who = row.decidedBy ? await this.keyName(row.decidedBy) : 'someone';
    return `this publish request was already ${row.status} by ${who}${row.decidedAt ? ` at ${row.decidedAt.toISOString()}` : ''}`;
  }

  private async rowOr404(id: string): Promise<RequestRow> {
    const row = await this.prisma.publishRequest.findUnique({ where: { id } });
    if (!row) throw new NotFoundProblem(`no publish request with id '${id}'`);
    return row;
  }

  private async keyName(id: string): Promise<string> {
    return (await this.prisma.apiKey.findUnique({ where: { id }, select: { name: true } }))?.name ?? id;
  }

  private async view(row: RequestRow, withSource: boolean) {
    return (await this.views([row], withSource))[0];
  }

  private async views(rows: readonly RequestRow[], withSource: boolean) {
    const keyIds = [...new Set(rows.flatMap((r) => (r.decidedBy ? [r.requestedBy, r.decidedBy] : [r.requestedBy])))];
    const docIds = [...new Set(rows.map((r) => r.documentId))];
    const [keys, docs] = await Promise.all([
      this.prisma.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }),
      this.prisma.policyDocument.findMany({ where: { id: { in: docIds } }, select: { id: true, name: true, currentVersion: true } }),
    ]);
    const keyName = new Map(keys.map((k) => [k.id, k.name]));
    const docName = new Map(docs.map((d) => [d.id, d.name]));
    const docVersion = new Map(docs.map((d) => [d.id, d.currentVersion]));
    const who = (id: string) => ({ id, name: keyName.get(id) ?? id });
    return rows.map((r) => ({
      id: r.id,
      documentId: r.documentId,
      documentName: docName.get(r.documentId) ?? r.documentId,
      message: r.message,
      status: r.status as RequestStatus,
      baseVersion: r.baseVersion,
      currentVersion: docVersion.get(r.documentId) ?? null,
      rollbackTo: r.rollbackTo,
      checksum: r.checksum,
      requestedBy: who(r.requestedBy),
      requestedAt: r.requestedAt.toISOString(),
      decidedBy: r.decidedBy ? who(r.decidedBy) : null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      comment: r.comment,
      publishedVersion: r.publishedVersion,
      ...(withSource ? { source: r.source } : {}),
    }));
  }
}
