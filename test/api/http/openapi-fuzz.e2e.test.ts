// Every route of the OpenAPI description (/api/docs-json), with an admin key,
// gets NUL bytes, lone surrogates, year-0000 dates and huge numbers in each
// path parameter, query parameter and body field (and as the whole body):
// never a 5xx, always problem JSON.
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, smallBook } from './fixtures.js';

const NASTY: readonly [string, unknown][] = [
  ['NUL byte', 'a\u0000b'],
  ['lone high surrogate', 'x\ud800'],
  ['lone low surrogate', '\udc00y'],
  ['year 0000', '0000-01-01'],
  ['year 9999', '9999-12-31'],
  ['huge integer text', '99999999999999999999999999999999'],
  ['hex text', '0x10'],
  ['huge number', 1e308],
  ['negative number', -1],
  ['fraction', 0.5],
  ['empty string', ''],
  ['null', null],
  ['nested NUL', { a: ['\u0000'] }],
];

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

/**
 * Text for a URL: strings as they are (percent-encoded), other values as JSON.
 * A lone surrogate has no UTF-8 form: it is sent as the three bytes a careless
 * client would produce (WTF-8, e.g. %ED%A0%80), which the server must refuse.
 */
function urlText(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

describe('OpenAPI fuzz: no route answers 5xx', () => {
  let t: TestApp;
  let operations: { method: string; path: string; op: Operation }[];
  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG_PATH });
    await t.http.post('/api/book').set(t.admin).send(smallBook()).expect(200);
    const doc = await t.http.get('/api/docs-json').expect(200);
    operations = [];
    for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(item)) operations.push({ method, path, op });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the description lists the routes', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(expect.arrayContaining(['post /api/simulate', 'post /api/book', 'get /api/invoices', 'post /api/billing-runs', 'delete /api/keys/{id}']));
    expect(operations.length).toBeGreaterThan(20);
  });

  test.each(NASTY)('%s in every parameter and body field', async (_name, value) => {
    const failures: string[] = [];
    for (const { method, path, op } of operations) {
      if (path === '/api/health') continue;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const bodyFields = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
      const url = (fuzzed?: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === fuzzed ? urlText(value) : 'some-id'));
      const attempts: { url: string; body?: unknown }[] = [];
      for (const p of pathParams) attempts.push({ url: url(p) });
      for (const q of queryParams) attempts.push({ url: `${url()}?${q}=${urlText(value)}` });
      if (op.requestBody) {
        attempts.push({ url: url(), body: value });
        for (const f of bodyFields) attempts.push({ url: url(), body: { [f]: value } });
        attempts.push({ url: url(), body: { asOf: '2026-12-01', ...Object.fromEntries(bodyFields.filter((f) => f !== 'asOf').map((f) => [f, value])) } });
      }
      if (attempts.length === 0) attempts.push({ url: url() });
      for (const a of attempts) {
        const req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method](a.url).set(t.admin);
        const res = a.body !== undefined ? await req.set('Content-Type', 'application/json').send(JSON.stringify(a.body)) : await req;
        if (res.status >= 500) failures.push(`${method.toUpperCase()} ${a.url} ${JSON.stringify(a.body)} -> ${res.status} ${JSON.stringify(res.body)}`);
        else if (res.status >= 400 && !String(res.headers['content-type']).includes('json')) failures.push(`${method.toUpperCase()} ${a.url} -> ${res.status} without problem JSON`);
      }
    }
    expect(failures).toEqual([]);
  });
});
