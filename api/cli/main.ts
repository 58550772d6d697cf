// `proviso <command>`: the dispatcher. Each command lives in
// api/cli/commands/<name>.command.ts and is loaded only when asked for, so
// `proviso check` never loads NestJS or Prisma.
import type { CliCommand, CliIo } from './cli-types.js';
import { UsageError } from './cli-types.js';

const COMMANDS: Record<string, () => Promise<{ default: CliCommand }>> = {
  check: () => import('./commands/check.command.js'),
  fmt: () => import('./commands/fmt.command.js'),
  simulate: () => import('./commands/simulate.command.js'),
  export: () => import('./commands/export.command.js'),
  'export-invoices': () => import('./commands/export-invoices.command.js'),
  import: () => import('./commands/import.command.js'),
  'import-book': () => import('./commands/import-book.command.js'),
  run: () => import('./commands/run.command.js'),
  invoices: () => import('./commands/invoices.command.js'),
  serve: () => import('./commands/serve.command.js'),
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`proviso ${await packageVersion()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await topUsage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`proviso: unknown command '${name}'\n\n${await topUsage()}`);
    return 2;
  }
  const command = (await load()).default;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`proviso ${name}: ${e.message}\n\n${command.usage.endsWith('\n') ? command.usage : command.usage + '\n'}`);
      return 2;
    }
    // Never a stack trace for the user; PROVISO_DEBUG=1 shows it for developers.
    const message = e instanceof Error ? e.message : String(e);
    io.err(`proviso ${name}: ${message}\n`);
    if (process.env.PROVISO_DEBUG && e instanceof Error && e.stack) io.err(e.stack + '\n');
    return 1;
  }
}

/** The version in package.json (found from this file in source or dist). */
async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'proviso' && pkg.version) return pkg.version;
    } catch {
      /* not here: look one folder up */
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

async function topUsage(): Promise<string> {
  const lines = ['usage: proviso <command> [options]', '       proviso --version', '', 'commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    let summary = '';
    try {
      summary = (await load()).default.summary;
    } catch {
      summary = '(not available in this build)';
    }
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', "Run 'proviso <command> --help' for a command's options.");
  return lines.join('\n') + '\n';
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
  };
}
