// POST /api/check runs in the heavy-work pool: 400 KB of junk is checked in a
// worker thread while the built service keeps answering health.
import { startBuiltService, type BuiltService } from '../support/built-service.js';

/** Deterministic junk: printable ASCII, newlines and a few DSL-ish words. */
function junk(bytes: number, seed = 11): string {
  let x = seed;
  const words = ['policy ', 'when ', '{', '}', '"', '= ', '\n', 'every ', 'month ', '12 ', '$'];
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const part = x % 5 === 0 ? words[x % words.length] : String.fromCharCode(32 + (x % 95));
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, bytes);
}

/** 1-based line and column of an offset, counted directly. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

interface Diag {
  code: string;
  severity: string;
  span: { start: number; end: number };
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

describe('POST /api/check off the event loop (built service)', () => {
  let s: BuiltService;
  beforeAll(async () => {
    s = await startBuiltService();
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
  });

  test('400 KB of junk checked while health answers', async () => {
    const post = (source: string) =>
      fetch(`${s.url}/api/check`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'junk.policy', source }) });
    // the pool's worker starts (and loads the engine) on the first check
    expect((await post('policy "x" {')).status).toBe(200);

    const text = junk(400_000);
    let done = false;
    const checked = post(text).then(async (r) => {
      done = true; // answered (its body is read after)
      const body = (await r.json()) as { diagnostics: Diag[]; errorCount: number };
      return { status: r.status, body };
    });
    // Health, one request after the other, for as long as the check runs. On a
    // blocked loop every one of them waits for the check: at most 2 are
    // answered before it (the check takes most of a second even on a fast
    // machine); a free loop answers dozens, hence a low bar for a loaded one.
    let answered = 0;
    while (!done) {
      const h = await fetch(`${s.url}/api/health`);
      expect(h.status).toBe(200);
      await h.arrayBuffer();
      if (!done) answered++;
    }
    const { status, body } = await checked;
    expect(answered).toBeGreaterThan(5);

    expect(status).toBe(200);
    expect(body.diagnostics.length).toBeGreaterThan(1000);
    expect(body.errorCount).toBe(body.diagnostics.filter((d) => d.severity === 'error').length);
    expect(body.errorCount).toBeGreaterThan(0);
    // positions agree with the text, at its start and deep into it
    for (const d of [body.diagnostics[0], body.diagnostics[Math.floor(body.diagnostics.length / 2)], body.diagnostics.at(-1)!]) {
      expect({ line: d.line, column: d.column }).toEqual(positionOf(text, d.span.start));
      expect({ line: d.endLine, column: d.endColumn }).toEqual(positionOf(text, d.span.end));
      expect(d.code).toMatch(/^PV\d{4}$/);
    }
    expect(body.diagnostics.at(-1)!.line).toBeGreaterThan(1000);
  }, 180_000);
});
