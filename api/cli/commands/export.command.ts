// `proviso export --format json-rules-engine`: the policies' conditions as
// json-rules-engine rules (event = the policy's effect).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { exportJre } from '../../../engine/interop/jre-export.js';
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';
import { displayPath, loadPolicies, parseFlags, printDiagnostics } from '../policy-loading.js';

const USAGE = `usage: proviso export --format json-rules-engine [--policies <files|dirs...>] [--out <file>]
                      [--config <proviso.config.json>]

Writes each policy as a json-rules-engine rule: its \`when\` as the conditions
(all/any/not; fact + JSONPath for fields; equal, notEqual, lessThan, ...,
in, notIn, and the custom operators startsWith, endsWith, stringContains listed
in the output's "customOperators"), its statements as the event
({ type: hold | billingDay | override | align | prorate | policy, params }), its
priority as the rule priority (shifted so the lowest is 1; the exact DSL priority
is in event.params.priority). Policies (default: rules/) that json-rules-engine
cannot express are reported with their position and left out.
Exit 0 when every policy was exported, 1 when some were left out or the
policies have errors, 2 on usage errors.
`;

const command: CliCommand = {
  name: 'export',
  summary: 'Export policy conditions as json-rules-engine rules',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const f = parseFlags(args, { single: ['--format', '--out', '--config'], multi: ['--policies'] });
    const format = f.values.get('--format');
    if (!format) throw new UsageError('--format json-rules-engine is required');
    if (format !== 'json-rules-engine') throw new UsageError(`unknown format '${format}' (supported: json-rules-engine)`);
    const policies = [...(f.lists.get('--policies') ?? []), ...f.positional];
    if (policies.length === 0) {
      if (!existsSync(join(io.cwd, 'rules'))) throw new UsageError('--policies <files|dirs...> is required (there is no rules/ directory here)');
      policies.push('rules');
    }
    const configPath = f.values.get('--config');
    const loaded = await loadPolicies(policies, io, configPath ? { configPath } : {});
    if (!loaded.ok) return loaded.exitCode;
    const { model } = loaded.value;
    const result = exportJre(model);
    const texts = new Map(model.documents.map((d) => [d.file, d.text]));
    printDiagnostics(result.diagnostics, texts, io);
    const json = JSON.stringify(result.document, null, 2) + '\n';
    const out = f.values.get('--out');
    if (out) {
      const abs = isAbsolute(out) ? out : resolve(io.cwd, out);
      await writeFile(abs, json);
      io.err(`wrote ${result.document.rules.length} rule${result.document.rules.length === 1 ? '' : 's'} to ${displayPath(abs, io.cwd)}\n`);
    } else {
      io.out(json);
    }
    if (result.skipped.length > 0) {
      io.err(`left out ${result.skipped.length} polic${result.skipped.length === 1 ? 'y' : 'ies'} json-rules-engine cannot express: ${result.skipped.map((s) => JSON.stringify(s)).join(', ')}\n`);
      return 1;
    }
    return 0;
  },
};

export default command;
