// Publishes a policy document as version 1 straight into the tables (for
// suites that need a published library without going through the HTTP API).
import { createHash } from 'node:crypto';
import type { Database } from '../../../../api/persistence/prisma-client.factory.js';

export async function publishPolicyRow(db: Database, name: string, source: string): Promise<{ document: string; version: number }> {
  const [doc] = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO policy_documents (name, draft_source, current_version, status) VALUES ($1, $2, 1, 'published') RETURNING id`,
    name,
    source,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO policy_versions (document_id, version, source, message, author, checksum) VALUES ($1, 1, $2, 'test', 'test', $3)`,
    doc.id,
    source,
    createHash('sha256').update(source).digest('hex'),
  );
  return { document: doc.id, version: 1 };
}
