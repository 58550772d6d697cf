// The service with the example plugin's config: its words are in
// /api/vocabulary (what the editor's completion, hover and highlighting
// read), and POST /api/check returns the plugin's static-check diagnostic
// with its position (what the editor shows as a marker).
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CONFIG = join(process.cwd(), 'examples', 'business-days', 'proviso.config.json');

describe('a plugin through the service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG, billingRuns: false });
  });
  afterAll(async () => t?.close());

  test('GET /api/vocabulary lists the plugin words with the plugin as origin', async () => {
    const res = await t.http.get('/api/vocabulary').set(t.admin);
    expect(res.status).toBe(200);
    const fn = res.body.functions.find((f: { name: string }) => f.name === 'nextBusinessDayIn');
    expect(fn).toMatchObject({ signature: 'nextBusinessDayIn(date: date, region: string) -> date', origin: '../../dist/examples/business-days/business-days.js' });
    expect(res.body.operators.map((o: { name: string }) => o.name)).toContain('holidayIn');
  });

  test("POST /api/check returns the plugin's diagnostic with line, column and span", async () => {
    const source = 'policy "Bad region" {\n  when isBusinessDay(billingDate, "APAC")\n  hold billing\n}\n';
    const res = await t.http.post('/api/check').set(t.admin).send({ source });
    expect(res.status).toBe(200);
    const d = res.body.diagnostics.find((x: { code: string }) => x.code === 'PV2901');
    expect(d).toMatchObject({ severity: 'error', line: 2, message: 'isBusinessDay: no holiday calendar for region "APAC"; proviso.config.json defines EMEA, US' });
    expect(source.slice(d.span.start, d.span.end)).toBe('"APAC"');
    expect(res.body.errorCount).toBe(1);
  });
});
