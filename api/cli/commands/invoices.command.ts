// `proviso invoices list|post|discard|void`: the invoice lifecycle from the
// command line, against the configured database (DATABASE_URL, else PGlite
// in PROVISO_DATA_DIR), with the same transaction bodies as the HTTP routes.
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';

const USAGE = `usage: proviso invoices list [--run <run-id>] [--status draft|posted|void]
       proviso invoices post <invoice-id>... | --run <run-id>
       proviso invoices discard <invoice-id>
       proviso invoices void <invoice-id> [--reason <text>]

list: invoices with number, status, account, currency and total.
post: assigns the next numbers of the series (PROVISO_INVOICE_PREFIX, default
INV-{yyyy}-); --run posts every draft of a completed run.
discard: deletes a draft; its periods are billed by the next run.
void: a credit note (PROVISO_CREDIT_NOTE_PREFIX) offsets a posted invoice
line by line; the next run bills its periods again.
Exit 0 when done, 1 when refused (the message names the status), 2 on usage errors.
`;

export type InvoicesArgs =
  | { readonly action: 'list'; readonly runId?: string; readonly status?: 'draft' | 'posted' | 'void' }
  | { readonly action: 'post'; readonly ids: readonly string[]; readonly runId?: string }
  | { readonly action: 'discard'; readonly id: string }
  | { readonly action: 'void'; readonly id: string; readonly reason: string | null };

export function parseInvoicesArgs(args: readonly string[]): InvoicesArgs {
  const [action, ...rest] = args;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const v = inline ?? rest[++i];
    if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
    flags.set(flag, v);
  }
  const allow = (...names: string[]) => {
    for (const f of flags.keys()) if (!names.includes(f)) throw new UsageError(`unknown argument '${f}' for '${action}'`);
  };
  switch (action) {
    case 'list': {
      allow('--run', '--status');
      if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
      const status = flags.get('--status');
      if (status !== undefined && !['draft', 'posted', 'void'].includes(status)) {
        throw new UsageError(`--status: '${status}' must be draft, posted or void`);
      }
      return { action, runId: flags.get('--run'), status: status as 'draft' | 'posted' | 'void' | undefined };
    }
    case 'post':
      allow('--run');
      if (flags.has('--run') === positional.length > 0) throw new UsageError('give invoice ids or --run <run-id> (one of them)');
      return { action, ids: positional, runId: flags.get('--run') };
    case 'discard':
    case 'void':
      allow(...(action === 'void' ? ['--reason'] : []));
      if (positional.length !== 1) throw new UsageError(`${action} takes exactly one invoice id`);
      return action === 'void' ? { action, id: positional[0], reason: flags.get('--reason') ?? null } : { action, id: positional[0] };
    case undefined:
      throw new UsageError('which action: list, post, discard or void?');
    default:
      throw new UsageError(`unknown action '${action}' (list, post, discard, void)`);
  }
}

const command: CliCommand = {
  name: 'invoices',
  summary: 'List, post, discard or void invoices in the configured database',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseInvoicesArgs(args);
    const { invoicesFromCli } = await import('../../invoices/invoices.cli.js');
    return invoicesFromCli(parsed, io);
  },
};

export default command;
