// Publishes a policy document as version 1 straight into the tables, without
// the HTTP API or Nest: for the billing-run bench and for test suites that
// need a published library on a bare database.
import type { Database } from '../persistence/prisma-client.factory.js';
import { policyChecksum } from './policy-checksum.js';

export async function publishPolicyRow(
  db: Database,
  name: string,
  source: string,
  author = 'script',
): Promise<{ document: string; version: number }> {
  const [doc] = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO policy_documents (name, draft_source, current_version, status) VALUES ($1, $2, 1, 'published') RETURNING id`,
    name,
    source,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO policy_versions (document_id, version, source, message, author, checksum) VALUES ($1, 1, $2, $3, $3, $4)`,
    doc.id,
    source,
    author,
    policyChecksum(source),
  );
  return { document: doc.id, version: 1 };
}
