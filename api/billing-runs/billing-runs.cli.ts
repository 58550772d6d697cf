// The in-process side of `proviso run`: opens and migrates the configured
// database, creates the run (trigger 'cli'), works chunks in this process
// until the run is completed or failed (other instances may lease chunks too),
// reports progress and prints the counts. No HTTP server, no schedule.
import type { CliIo } from '../cli/cli-types.js';
import type { RunArgs } from '../cli/commands/run.command.js';
import { databaseOptionsFromEnv, openDatabase } from '../persistence/prisma-client.factory.js';
import { BillingRunsRepository, type RunRow } from './billing-runs.repository.js';
import { RunWorker, type WorkerLog } from './billing-runs.worker.js';
import { createRunPolicies } from './engine-run-policies.js';
import { readBillingRunConfig } from './run-config.js';
import { readNumberingConfig } from '../invoices/numbering.js';
import { milestonesCrossed, progressBar, type RunProgress } from './run-progress.js';

export async function runBillingFromCli(args: RunArgs, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = readBillingRunConfig(env);
  const db = await openDatabase(databaseOptionsFromEnv(env));
  try {
    await db.migrate();
    const repo = new BillingRunsRepository(db.prisma, readNumberingConfig(env));
    const policies = await createRunPolicies(db.prisma, { cwd: io.cwd, configPath: args.configPath });
    const versions = await policies.current();
    const id = await repo.createRun(
      { asOf: args.asOf, dryRun: args.dryRun, postInvoices: args.post ?? config.postByDefault, trigger: 'cli', policyVersions: versions },
      config.chunkSize,
    );
    if (!id) throw new Error('the billing run was not created');
    io.err(
      `billing run ${id} for ${args.asOf}${args.dryRun ? ' (dry run)' : ''} on ${db.kind} ${db.location}, ` +
        `${versions.length} published polic${versions.length === 1 ? 'y' : 'ies'}\n`,
    );
    const log: WorkerLog = { log: () => undefined, warn: (m) => io.err(`warning: ${m}\n`), error: (m) => io.err(`error: ${m}\n`) };
    const worker = new RunWorker(db.prisma, repo, policies, config, log);
    const report = progressReporter(io);
    let run: RunRow;
    let draining: Promise<void> | null = null;
    for (;;) {
      run = (await repo.getRun(id))!;
      report({ done: run.progressDone, total: run.progressTotal });
      if (run.status === 'completed' || run.status === 'failed') break;
      // Work this run's chunks (and any other active run's); when every chunk
      // is leased by other instances, look again shortly.
      draining ??= worker.drain().finally(() => (draining = null));
      await Promise.race([draining, sleep(250)]);
    }
    await draining;
    report.end();
    const c = `${run.linesCount} lines, ${run.invoicesCount} invoices, ${run.holdsCount} holds, ${run.errorsCount} errors`;
    if (run.status === 'failed') {
      io.err(`billing run ${id} failed: ${run.error ?? 'unknown error'}\n`);
      io.out(`run ${id} failed (${c})\n`);
      return 1;
    }
    io.out(`run ${id} completed${run.dryRun ? ' (dry run)' : ''} as of ${run.asOf}: ${c}\n`);
    for (const v of run.policyVersions) io.out(`  policy ${v.name} v${v.version}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** A bar redrawn in place on a terminal; one line per 10% otherwise. */
function progressReporter(io: CliIo): ((p: RunProgress) => void) & { end(): void } {
  let last: RunProgress | null = null;
  let drawn = false;
  const report = (p: RunProgress) => {
    if (io.isTty) {
      if (last && last.done === p.done && last.total === p.total) return;
      io.err(`\r${progressBar(p)}`);
      drawn = true;
    } else {
      for (const m of milestonesCrossed(last, p)) io.err(`progress ${m}% (${Math.min(p.done, p.total)}/${p.total} order products)\n`);
    }
    last = p;
  };
  report.end = () => {
    if (drawn) io.err('\n');
  };
  return report;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
