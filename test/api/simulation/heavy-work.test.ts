// Heavy requests run in worker threads when the service runs from dist/: a
// simulation over a large book keeps the event loop free, is stopped at its
// time budget with a 503 problem, and is cancelled when its client goes away.
// The built service is what users run, so this drives dist/ in a child process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = process.cwd();

/** Runs a job through the built HeavyWorkService in a fresh node process; returns its JSON report. */
function runBuilt(script: string): Record<string, unknown> {
  const program = `
    import 'reflect-metadata';
    const { HeavyWorkService } = await import(${JSON.stringify(join(root, 'dist/api/simulation/heavy-work.service.js'))});
    const { generateDemoBook } = await import(${JSON.stringify(join(root, 'dist/engine/book/demo-book.js'))});
    const rules = ${JSON.stringify(join(root, 'rules'))};
    const { readdirSync, readFileSync } = await import('node:fs');
    const docs = readdirSync(rules).filter((f) => f.endsWith('.policy')).slice(0, 3).map((f, i) => ({ id: 'd' + i, name: f, source: readFileSync(rules + '/' + f, 'utf8'), version: 1 }));
    let ticks = 0;
    const tick = setInterval(() => { ticks++; }, 20);
    const report = (r) => { clearInterval(tick); process.stdout.write(JSON.stringify({ ...r, ticks })); process.exit(0); };
    ${script}
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('heavy work in worker threads (built service)', () => {
  test('the built service runs jobs in threads', () => {
    const r = runBuilt(`report({ threaded: new HeavyWorkService({}).threaded });`);
    expect(r.threaded).toBe(true);
  });

  test('a simulation past its time budget is stopped with a 503 while the event loop keeps turning', () => {
    const r = runBuilt(`
      const heavy = new HeavyWorkService({ heavyTimeoutMs: 1000 });
      const book = generateDemoBook({ orderProducts: 40000, seed: 7 });
      await new Promise((r) => setTimeout(r, 50));
      ticks = 0; // from here on: the job only (handing the book over included)
      const t0 = Date.now();
      heavy.run({ kind: 'simulate', docs, book, asOf: '2031-11-30' }, 'simulation').then(
        () => report({ status: 200, ms: Date.now() - t0 }),
        (e) => report({ status: e.statusCode, message: e.message, ms: Date.now() - t0 }),
      );
    `);
    expect(r.status).toBe(503);
    expect(r.message).toMatch(/took longer than 1 s and was stopped; narrow it/);
    // Stopped by the budget, not run to the end (the whole simulation takes far longer).
    expect(r.ms as number).toBeLessThan(20_000);
    // The main thread kept turning while the job ran: a 20 ms timer fired many
    // times (on a blocked event loop it fires once, when the job ends). Handing
    // the book to the worker (a structured clone) does block, in proportion to
    // the book; the 1 s budget (a budget, not a speed target: the whole job
    // takes far longer on any machine) leaves the computing phase to measure.
    // A blocked loop gives 1 tick; a free one about 50 less the clone's share
    // and whatever a loaded machine takes, hence a low bar.
    expect(r.ticks as number).toBeGreaterThan(5);
  });

  test('a job whose client went away is cancelled at once', () => {
    const r = runBuilt(`
      const heavy = new HeavyWorkService({ heavyTimeoutMs: 60000 });
      const book = generateDemoBook({ orderProducts: 40000, seed: 7 });
      const abort = new AbortController();
      const t0 = Date.now();
      setTimeout(() => abort.abort(), 300);
      heavy.run({ kind: 'simulate', docs, book, asOf: '2031-11-30' }, 'simulation', abort.signal).then(
        () => report({ status: 200, ms: Date.now() - t0 }),
        (e) => report({ status: e.statusCode, message: e.message, ms: Date.now() - t0 }),
      );
    `);
    expect(r.status).toBe(499);
    expect(r.message).toMatch(/cancelled: the client went away/);
    expect(r.ms as number).toBeLessThan(3000);
  });

  test('a small simulation in a thread gives the in-process result', () => {
    const r = runBuilt(`
      const { runHeavyJob } = await import(${JSON.stringify(join(root, 'dist/api/simulation/heavy-jobs.js'))});
      const heavy = new HeavyWorkService({});
      const book = generateDemoBook({ orderProducts: 50, seed: 3 });
      const job = { kind: 'simulate', docs, book, asOf: '2026-03-01' };
      const threaded = await heavy.run(job, 'simulation');
      const direct = await runHeavyJob(job, {});
      report({ same: JSON.stringify(threaded) === JSON.stringify(direct.value), invoices: threaded.invoices.length });
    `);
    expect(r.same).toBe(true);
    expect(r.invoices as number).toBeGreaterThan(0);
  });
});
