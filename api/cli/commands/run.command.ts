// `proviso run --as-of <date> [--dry-run]`: a billing run against the
// configured database (DATABASE_URL, else PGlite under PROVISO_DATA_DIR),
// worked in this process (other instances on the same PostgreSQL may help),
// with a progress bar on a terminal and a line per 10% otherwise.
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';

const USAGE = `usage: proviso run --as-of <YYYY-MM-DD> [--dry-run] [--post | --draft] [--config <proviso.config.json>]

Bills every unbilled period due on or before the date, with the published
policies, into the configured database (DATABASE_URL=postgres://..., or the
embedded database in PROVISO_DATA_DIR, default ./.proviso). A dry run writes
invoices flagged dry_run that never count as billed. --post posts the
run's invoices (numbers assigned) when it completes, --draft leaves them
drafts to review; without either, PROVISO_RUN_POSTING decides (default draft).
Exit 0 when the run completed, 1 when it failed, 2 on usage errors.
`;

export interface RunArgs {
  readonly asOf: string;
  readonly dryRun: boolean;
  /** true: --post, false: --draft, undefined: the configured default. */
  readonly post?: boolean;
  readonly configPath?: string;
}

export function parseRunArgs(args: readonly string[]): RunArgs {
  let asOf: string | undefined;
  let dryRun = false;
  let post: boolean | undefined;
  let configPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--as-of':
        asOf = value();
        break;
      case '--dry-run':
        dryRun = true;
        break;
      case '--post':
      case '--draft':
        if (post !== undefined && post !== (flag === '--post')) throw new UsageError('--post and --draft exclude each other');
        post = flag === '--post';
        break;
      case '--config':
        configPath = value();
        break;
      default:
        throw new UsageError(`unknown argument '${a}'`);
    }
  }
  if (asOf === undefined) throw new UsageError('--as-of <YYYY-MM-DD> is required');
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of: '${asOf}' is not a calendar date YYYY-MM-DD`);
  if (dryRun && post === true) throw new UsageError('--post: a dry run writes previews, which are never posted');
  return { asOf, dryRun, post, configPath };
}

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const command: CliCommand = {
  name: 'run',
  summary: 'Run billing for a date against the configured database',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseRunArgs(args);
    const { runBillingFromCli } = await import('../../billing-runs/billing-runs.cli.js');
    return runBillingFromCli(parsed, io);
  },
};

export default command;
