// The OpenAPI description of this build, without a server: the app is created
// on a throwaway PGlite database in a temporary folder (migrated, nothing seeded), the
// description read, the app closed. `npm run docs` writes it to
// docs/openapi.json and the editor's generated types from it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../common/openapi.js';
import { openDatabase } from '../persistence/prisma-client.factory.js';
import { createApp } from '../server/create-app.js';

export async function currentOpenApiDocument(): Promise<OpenAPIObject> {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-openapi-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    await db.migrate();
    const app = await createApp(db, { logger: false, webhooks: { pollMs: 0 } });
    try {
      return buildOpenApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The file text: two-space JSON and a final newline. */
export function openApiText(doc: OpenAPIObject): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
