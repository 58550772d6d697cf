import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';

export interface DocumentRow {
  id: string;
  name: string;
  draftSource: string;
  draftUpdatedAt: Date;
  draftUpdatedBy: string | null;
  currentVersion: number | null;
  status: string;
  createdAt: Date;
}

export interface VersionRow {
  id: string;
  documentId: string;
  version: number;
  source: string;
  message: string;
  author: string;
  checksum: string;
  createdAt: Date;
}

/** A document with the source of its current published version. */
export interface PublishedDocument {
  documentId: string;
  name: string;
  version: number;
  source: string;
  checksum: string;
}

type Db = Prisma.TransactionClient | PrismaService;

@Injectable()
export class PoliciesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** By name; at most `take` after the name `after`. */
  pageDocuments(take: number, after?: string): Promise<DocumentRow[]> {
    return this.prisma.policyDocument.findMany({ where: after === undefined ? {} : { name: { gt: after } }, orderBy: { name: 'asc' }, take });
  }

  listDocuments(db: Db = this.prisma): Promise<DocumentRow[]> {
    return db.policyDocument.findMany({ orderBy: { name: 'asc' } });
  }

  findDocument(id: string, db: Db = this.prisma): Promise<DocumentRow | null> {
    return db.policyDocument.findUnique({ where: { id } });
  }

  findByName(name: string, db: Db = this.prisma): Promise<DocumentRow | null> {
    return db.policyDocument.findUnique({ where: { name } });
  }

  /** Locks the document row until the transaction ends (publish/rollback serialise on it). */
  async lockDocument(tx: Prisma.TransactionClient, id: string): Promise<DocumentRow | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM policy_documents WHERE id = ${id} FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.policyDocument.findUnique({ where: { id } });
  }

  createDocument(tx: Prisma.TransactionClient, data: { name: string; draftSource: string; draftUpdatedBy: string | null }): Promise<DocumentRow> {
    return tx.policyDocument.create({ data: { ...data, status: 'draft' } });
  }

  updateDraft(tx: Prisma.TransactionClient, id: string, data: { draftSource: string; draftUpdatedBy: string | null; status: string }): Promise<DocumentRow> {
    return tx.policyDocument.update({ where: { id }, data: { ...data, draftUpdatedAt: new Date() } });
  }

  setCurrentVersion(tx: Prisma.TransactionClient, id: string, version: number, draftSource: string): Promise<DocumentRow> {
    return tx.policyDocument.update({ where: { id }, data: { currentVersion: version, status: 'published', draftSource } });
  }

  /** Versions are only ever inserted (the table refuses UPDATE). */
  insertVersion(
    tx: Prisma.TransactionClient,
    data: { documentId: string; version: number; source: string; message: string; author: string; checksum: string },
  ): Promise<VersionRow> {
    return tx.policyVersion.create({ data });
  }

  maxVersion(tx: Prisma.TransactionClient, documentId: string): Promise<number> {
    return tx.policyVersion.aggregate({ where: { documentId }, _max: { version: true } }).then((r) => r._max.version ?? 0);
  }

  listVersions(documentId: string): Promise<Omit<VersionRow, 'source'>[]> {
    return this.prisma.policyVersion.findMany({
      where: { documentId },
      orderBy: { version: 'desc' },
      select: { id: true, documentId: true, version: true, message: true, author: true, checksum: true, createdAt: true },
    });
  }

  findVersion(documentId: string, version: number, db: Db = this.prisma): Promise<VersionRow | null> {
    return db.policyVersion.findUnique({ where: { documentId_version: { documentId, version } } });
  }

  /** The current published version of every published document, by name. */
  async publishedDocuments(db: Db = this.prisma): Promise<PublishedDocument[]> {
    const rows = await db.$queryRaw<PublishedDocument[]>`
      SELECT d.id AS "documentId", d.name, v.version, v.source, v.checksum
      FROM policy_documents d JOIN policy_versions v ON v.document_id = d.id AND v.version = d.current_version
      WHERE d.status <> 'archived'
      ORDER BY d.name`;
    return rows.map((r) => ({ ...r, version: Number(r.version) }));
  }

  /** Deletes a never-published document (it has no versions). */
  async deleteDraftDocument(tx: Prisma.TransactionClient, id: string): Promise<void> {
    await tx.policyDocument.delete({ where: { id } });
  }

  /** Takes a document out of the published library; its versions stay. */
  archive(tx: Prisma.TransactionClient, id: string): Promise<DocumentRow> {
    return tx.policyDocument.update({ where: { id }, data: { status: 'archived' } });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.prisma.policyDocument.count()) === 0;
  }
}
