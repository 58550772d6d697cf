// The API contract: the OpenAPI description covers every route the app
// serves (operationId, response schema, the API-key scheme), matches the
// committed docs/openapi.json and the editor's generated types, and the
// service keeps it: problem details on errors, WWW-Authenticate on 401s,
// Location on creations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { currentOpenApiDocument, GENERATED_TYPES_HEADER, openApiText } from '../../../api/docs/openapi-document.js';
import { renderOpenApiTypes } from '../../../api/docs/openapi-types.js';
import type { ResponseMismatch } from '../../../api/common/response-check.js';
import { packageRoot } from '../../../api/policies/project-config.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BILL_ON_FIRST, CONFIG_PATH, smallBook } from './fixtures.js';

type Operation = {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>>; schemas: Record<string, unknown> };
  security?: Record<string, unknown[]>[];
};

/** `METHOD /api/path/{param}` of every route Express has (Nest registers each controller route there). */
function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  const out: string[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route || !layer.route.path.startsWith('/api/') || layer.route.path.startsWith('/api/docs')) continue;
    for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return out.sort();
}

function operations(doc: Doc): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([m, op]) => [`${m} ${path}`, op] as [string, Operation]));
}

describe('the API contract', () => {
  let t: TestApp;
  let doc: Doc;
  const mismatches: ResponseMismatch[] = [];
  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG_PATH, onResponseMismatch: (m) => mismatches.push(m) });
    doc = (await t.http.get('/api/docs-json').expect(200)).body as Doc;
  });
  afterAll(async () => {
    await t?.close();
  });

  test('every served route is described, each with an operationId and a response schema', () => {
    const described = operations(doc).map(([name]) => name).sort();
    expect(described).toEqual(servedRoutes(t.app));
    const ops = operations(doc);
    const withSchema = ops.filter(([, op]) =>
      Object.entries(op.responses).some(([status, r]) => /^2\d\d$/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema !== undefined)),
    );
    const ids = ops.map(([, op]) => op.operationId);
    process.stdout.write(`OpenAPI: ${withSchema.length} of ${ops.length} operations have a response schema; ${new Set(ids).size} distinct operationIds\n`);
    expect(withSchema.map(([n]) => n)).toEqual(ops.map(([n]) => n));
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ops.length);
    expect(ids).toEqual(expect.arrayContaining(['listInvoices', 'postInvoice', 'startBillingRun', 'listRunHolds', 'createApiKey']));
  });

  test('the security scheme is the API key as the guard reads it; only health is public', () => {
    expect(doc.components.securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'Proviso API key' }),
    });
    expect(JSON.stringify(doc.components.securitySchemes)).not.toMatch(/JWT/i);
    expect(doc.security).toEqual([{ apiKey: [] }]);
    const publicOps = operations(doc).filter(([, op]) => Array.isArray(op.security) && op.security.length === 0).map(([n]) => n);
    expect(publicOps.sort()).toEqual(['get /api/health', 'get /api/health/ready']);
    for (const [name, op] of operations(doc)) {
      if (publicOps.includes(name)) continue;
      expect([name, op.responses['401']?.headers?.['WWW-Authenticate']]).toEqual([name, expect.anything()]);
    }
  });

  test('every $ref resolves inside the document and nothing points outside the repository', () => {
    const text = JSON.stringify(doc);
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect([ref, doc.components.schemas[ref.replace('#/components/schemas/', '')] !== undefined]).toEqual([ref, true]);
    expect(text).not.toMatch(/externalDocs|https?:\/\/(?!127\.0\.0\.1|localhost)/);
  });

  test('drift: the served description is the committed docs/openapi.json, and the editor types are generated from it', async () => {
    const committed = readFileSync(join(packageRoot(), 'docs', 'openapi.json'), 'utf8');
    const fresh = await currentOpenApiDocument();
    expect(openApiText(fresh)).toBe(committed);
    expect(JSON.parse(committed)).toEqual(doc);
    const types = readFileSync(join(packageRoot(), 'editor', 'src', 'api', 'generated', 'openapi.ts'), 'utf8');
    expect(renderOpenApiTypes(fresh, GENERATED_TYPES_HEADER)).toBe(types);
  });

  test('a 401 carries WWW-Authenticate and problem details, before and after the body is read', async () => {
    for (const res of [await t.http.get('/api/invoices'), await t.http.post('/api/check').set('Authorization', 'Bearer nope').send({ source: '' })]) {
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="proviso"/);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'urn:proviso:problem:unauthorized', title: 'Unauthorized', status: 401, detail: expect.any(String) });
    }
    expect((await t.http.post('/api/check').set('Authorization', 'Bearer nope').send({ source: '' })).headers['www-authenticate']).toContain('invalid_token');
  });

  test('errors are problem details: 400 lists the fields, 404 and 409 keep their codes, no database names', async () => {
    const bad = await t.http.post('/api/billing-runs').set(t.admin).send({ asOf: '2026-02-30', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ type: 'urn:proviso:problem:validation', title: 'Bad Request', status: 400, statusCode: 400, instance: '/api/billing-runs' });
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.asOf' })]));
    expect(bad.body.errors).toEqual(bad.body.details.map((d: { path: string; message: string }) => ({ path: d.path, message: d.message })));
    const missing = await t.http.get('/api/invoices/nope').set(t.admin);
    expect(missing.body).toMatchObject({ type: 'urn:proviso:problem:not-found', status: 404, detail: missing.body.message });
    const unknownRoute = await t.http.get('/api/no-such-route').set(t.admin);
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http.post('/api/policies').set(t.admin).send({ name: 'twice.policy', source: BILL_ON_FIRST }).expect(201);
    const dup = await t.http.post('/api/policies').set(t.admin).send({ name: 'twice.policy', source: BILL_ON_FIRST });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ type: 'urn:proviso:problem:conflict', status: 409, error: 'Conflict' });
    expect(JSON.stringify(dup.body)).not.toMatch(/policy_documents|constraint|prisma/i);
  });

  test('every creation answers Location, and the Location answers', async () => {
    const check = async (res: { status: number; headers: Record<string, string>; body: { id?: string } }, status: number) => {
      expect(res.status).toBe(status);
      const location = res.headers.location;
      expect(location).toMatch(/^\/api\//);
      const followed = await t.http.get(location).set(t.admin);
      expect([location, followed.status]).toEqual([location, 200]);
      return followed.body as Record<string, unknown>;
    };
    const key = await t.http.post('/api/keys').set(t.admin).send({ name: 'located', role: 'viewer' });
    expect((await check(key, 201)).id).toBe(key.body.id);
    const hook = await t.http.post('/api/webhooks').set(t.admin).send({ url: 'http://127.0.0.1:9/hook', events: ['run.completed'] });
    expect((await check(hook, 201)).id).toBe(hook.body.id);
    const policy = await t.http.post('/api/policies').set(t.admin).send({ name: 'located.policy', source: BILL_ON_FIRST });
    expect((await check(policy, 201)).id).toBe(policy.body.id);
    const published = await t.http.post(`/api/policies/${policy.body.id}/publish`).set(t.admin).send({ message: 'v1' });
    expect((await check(published, 201)).version).toBe(1);
    const rolledBack = await t.http.post(`/api/policies/${policy.body.id}/rollback`).set(t.admin).send({ version: 1, message: 'again' });
    expect((await check(rolledBack, 201)).version).toBe(2);
    await t.http.post('/api/book').set(t.admin).send(smallBook()).expect(200);
    const run = await t.http.post('/api/billing-runs').set(t.admin).send({ asOf: '2026-03-01', dryRun: true });
    expect((await check(run, 202)).id).toBe(run.body.id);
  });

  test('a tour of the routes: every answer matches the schema its route documents', async () => {
    const a = t.admin;
    const ok = async (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: unknown) => {
      const res = await t.http[method](path).set(a).send(body as object);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
      return res.body as Record<string, any>;
    };
    await ok('post', '/api/book', smallBook());
    const source = 'policy "Tour billing day" {\n  billing day of month 1\n}\n';
    const published = await ok('post', '/api/policies', { name: 'tour-day.policy', source });
    await ok('post', `/api/policies/${published.id}/publish`, { message: 'v1' });
    const quote = await ok('post', '/api/quotes', { asOf: '2026-03-15', change: { type: 'quantity', orderProductId: 'OP2', quantity: '5', effectiveDate: '2026-03-15' } });
    await ok('get', `/api/quotes/${quote.id}`);
    await ok('post', `/api/quotes/${quote.id}/accept`);
    await ok('get', '/api/policies?limit=500');
    await ok('get', `/api/policies/${published.id}`);
    await ok('put', `/api/policies/${published.id}`, { source: source + '\n' });
    await ok('get', `/api/policies/${published.id}/versions`);
    await ok('get', `/api/policies/${published.id}/versions/1`);
    const draft = await ok('post', '/api/policies', { name: 'tour-draft.policy', source: 'policy "Tour draft" {\n  billing day of month 2\n}\n' });
    await ok('delete', `/api/policies/${draft.id}`);
    for (const path of ['/api/library', '/api/vocabulary', '/api/me', '/api/health', '/api/health/ready', '/api/book/summary', '/api/accounts', '/api/order-products']) await ok('get', path);
    await ok('post', '/api/check', { source: 'policy "x" {' });
    await ok('post', '/api/simulate', { asOf: '2026-03-01' });
    await ok('post', '/api/impact', { asOf: '2026-03-01', drafts: [{ id: published.id, name: 'tour-day.policy', source: source.replace('1', '2') }] });
    await ok('get', '/api/order-products/OP1/timeline?from=2026-01-01&months=3');
    await ok('get', '/api/order-products/OP1/explain?asOf=2026-03-01');
    const started = await ok('post', '/api/billing-runs', { asOf: '2026-03-01' });
    let run: Record<string, any> = {};
    for (let i = 0; i < 300 && run.status !== 'completed'; i++) {
      run = await ok('get', `/api/billing-runs/${started.id}`);
      if (run.status === 'failed') throw new Error(String(run.error));
      await new Promise((r) => setTimeout(r, 100));
    }
    await ok('get', '/api/billing-runs');
    await ok('get', `/api/billing-runs/${started.id}/holds`);
    await ok('get', `/api/billing-runs/${started.id}/errors`);
    const invoices = await ok('get', `/api/invoices?runId=${started.id}`);
    expect(invoices.items.length).toBeGreaterThan(1);
    await ok('get', `/api/invoices/${invoices.items[0].id}`);
    await ok('post', `/api/invoices/${invoices.items[0].id}/discard`);
    await ok('post', `/api/invoices/${invoices.items[1].id}/post`);
    await ok('post', `/api/invoices/${invoices.items[1].id}/void`, { reason: 'tour' });
    await ok('post', `/api/billing-runs/${started.id}/post`);
    const key = await ok('post', '/api/keys', { name: 'tour', role: 'viewer' });
    await ok('get', '/api/keys');
    await ok('delete', `/api/keys/${key.id}`);
    const hook = await ok('post', '/api/webhooks', { url: 'http://127.0.0.1:9/tour', events: ['invoice.posted'] });
    await ok('get', '/api/webhooks');
    await ok('get', `/api/webhooks/${hook.id}/deliveries`);
    await ok('delete', `/api/webhooks/${hook.id}`);
    await ok('get', '/api/audit');
    expect(mismatches).toEqual([]);
  }, 120_000);
});
