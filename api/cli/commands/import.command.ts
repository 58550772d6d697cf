// `proviso import <rules.json>`: json-rules-engine rules as policy DSL text.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { checkDocuments, formatDiagnosticLine, LineIndex } from '../../../dsl/index.js';
import { importJre } from '../../../engine/interop/jre-import.js';
import { loadProject } from '../../config/load-project.js';
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';
import { displayPath, parseFlags } from '../policy-loading.js';

const USAGE = `usage: proviso import <rules.json> [--config <proviso.config.json>]

Prints json-rules-engine rules (an array of rules, an object with "rules" as
\`proviso export\` writes, or one rule) as policy DSL text on stdout. Rules that
use what the policy language cannot say (shared condition references, operator
decorators, fact params, JSONPath wildcards, unknown operators or event types)
are named on stderr with the JSON path of the construct and left out whole.
The printed text is then checked against the project's vocabulary (facts and
attributes from proviso.config.json); check errors are printed as
\`<imported>:line:col: error CODE message\`.
Exit 0 when every rule was imported, 1 when some were left out or the file is
not valid JSON, 2 on usage errors.
`;

const command: CliCommand = {
  name: 'import',
  summary: 'Turn json-rules-engine rules into policy text',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const f = parseFlags(args, { single: ['--config'] });
    if (f.positional.length !== 1) throw new UsageError(f.positional.length === 0 ? 'a rules file is required' : 'give exactly one rules file');
    const abs = isAbsolute(f.positional[0]) ? f.positional[0] : resolve(io.cwd, f.positional[0]);
    const name = displayPath(abs, io.cwd);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(abs, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(`${name}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read (${code})` : `not valid JSON: ${e instanceof Error ? e.message : String(e)}`}\n`);
      return 1;
    }
    const r = importJre(json);
    io.out(r.text);
    for (const p of r.problems) io.err(`${name}: ${p.path}: ${p.message}\n`);
    // The text is checked against the project's vocabulary: a json-rules-engine
    // fact Proviso does not know (say `customerTier`) is named with its position
    // in the printed text.
    const configPath = f.values.get('--config');
    const project = await loadProject({ cwd: io.cwd, ...(configPath ? { configPath } : {}) });
    const out = '<imported>';
    const model = checkDocuments([{ file: out, text: r.text }], project.registry.vocabulary());
    const errors = model.diagnostics.filter((d) => d.severity === 'error');
    const index = new LineIndex(r.text);
    for (const d of errors) io.err(formatDiagnosticLine(d, index) + '\n');
    if (r.dropped.length > 0) {
      io.err(`${name}: left out ${r.dropped.length} rule${r.dropped.length === 1 ? '' : 's'}; imported ${r.policies}\n`);
      return 1;
    }
    return r.problems.length > 0 || errors.length > 0 ? 1 : 0;
  },
};

export default command;
