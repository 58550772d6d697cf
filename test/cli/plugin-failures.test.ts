// A plugin that fails to load, or registers a word that is already taken,
// stops `check`, `simulate`, `run` and `serve`: exit 1, a message naming the
// plugin (and the word, for a clash), never a stack trace, nothing billed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bookJson, proviso, workspace } from './cli-harness.js';

const POLICY = 'policy "Hold" {\n  hold billing when line.quantity > 100 reason "Large order"\n}\n';
const PLUGINS = {
  // nextWeekday is a built-in function
  'clash.js': `export default function clash(api) {
  api.addFunction({ name: 'nextWeekday', params: [{ name: 'date', type: { kind: 'date' } }], returns: { kind: 'date' }, doc: 'Mine.', impl: (d) => d });
}\n`,
  'throws.js': 'throw new Error("holiday table missing");\n',
};

const cases = [
  { name: 'a clashing word', plugin: './clash.js', expect: [/\.\/clash\.js/, /"nextWeekday"/, /already registered by builtin/] },
  { name: 'a module that throws on import', plugin: './throws.js', expect: [/\.\/throws\.js/, /holiday table missing/] },
  { name: 'a module that does not exist', plugin: './missing.js', expect: [/\.\/missing\.js/, /could not be loaded/] },
];

const commands: { name: string; args: (dir: string) => string[] }[] = [
  { name: 'check', args: () => ['check', 'policies', '--config', 'proviso.config.json'] },
  { name: 'simulate', args: () => ['simulate', '--policies', 'policies', '--format', 'json', '--book', 'book.json', '--as-of', '2026-03-01', '--config', 'proviso.config.json'] },
  { name: 'run', args: () => ['run', '--as-of', '2026-03-01', '--config', 'proviso.config.json'] },
  { name: 'serve', args: () => ['serve', '--port', '0', '--host', '127.0.0.1', '--config', 'proviso.config.json'] },
];

describe.each(commands)('proviso $name stops when a plugin fails', ({ name, args }) => {
  // each case runs in its own workspace and data directory
  const saved = { data: process.env.PROVISO_DATA_DIR, url: process.env.DATABASE_URL, key: process.env.PROVISO_ADMIN_KEY };
  afterEach(() => {
    for (const [k, v] of [['PROVISO_DATA_DIR', saved.data], ['DATABASE_URL', saved.url], ['PROVISO_ADMIN_KEY', saved.key]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test.each(cases)('$name', async ({ plugin, expect: patterns }) => {
    const ws = workspace({
      ...PLUGINS,
      'proviso.config.json': JSON.stringify({ plugins: [plugin] }),
      'policies/hold.policy': POLICY,
      'book.json': bookJson(),
    });
    try {
      const dataDir = join(ws.dir, 'data');
      process.env.PROVISO_DATA_DIR = dataDir;
      process.env.PROVISO_ADMIN_KEY = 'plugin-failure-admin-key-0123';
      delete process.env.DATABASE_URL;
      const r = await proviso(args(ws.dir), ws.dir);
      expect(r.code).toBe(1);
      const said = `${r.out}${r.err}`;
      for (const p of patterns) expect(said).toMatch(p);
      expect(said).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.out).not.toMatch(/Proviso is running|completed/);
      if (name === 'simulate') expect(r.out).not.toContain('"invoices"');
      expect(existsSync(dataDir)).toBe(false); // stopped before opening a database
    } finally {
      ws.cleanup();
    }
  });
});
