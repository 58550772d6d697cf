// The I/O edge: reading proviso.config.json and importing plugins. Every
// problem is a diagnostic naming the file and the plugin; nothing throws.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../../api/config/load-project.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PLUGIN_OK = `export default function (api) {
  api.addFunction({ name: 'fiscalYear', params: [{ name: 'date', type: { kind: 'date' } }], returns: { kind: 'decimal' },
    doc: 'Fiscal year starting in April.', examples: ['fiscalYear(today) = 2026'], impl: (d) => d });
}`;

describe('loadProject', () => {
  test('no config file in cwd: built-ins only, no diagnostics', async () => {
    const p = await loadProject({ cwd: project({}) });
    expect(p.diagnostics).toEqual([]);
    expect(p.configFile).toBeUndefined();
    expect(p.vocabulary.functions.some((f) => f.name === 'nextWeekday')).toBe(true);
  });

  test('attributes and a plugin (default export) are registered with their origins', async () => {
    const cwd = project({
      'proviso.config.json': JSON.stringify({ attributes: { account: { region: 'string' } }, plugins: ['./plugins/fiscal.js'] }),
      'plugins/fiscal.js': PLUGIN_OK,
    });
    const p = await loadProject({ cwd });
    expect(p.diagnostics).toEqual([]);
    expect(p.configFile).toBe(join(cwd, 'proviso.config.json'));
    expect(p.registry.fact('account.region')?.origin).toBe('attribute');
    expect(p.registry.function('fiscalYear')?.origin).toBe('./plugins/fiscal.js');
    expect(p.vocabulary.functions.some((f) => f.name === 'fiscalYear')).toBe(true);
  });

  test('a named `register` export works too, and plugin paths are relative to the config file', async () => {
    const cwd = project({
      'config/proviso.config.json': JSON.stringify({ plugins: ['../lib/named.js'] }),
      'lib/named.js': PLUGIN_OK.replace('export default function', 'export function register'),
    });
    const p = await loadProject({ cwd, configPath: 'config/proviso.config.json' });
    expect(p.diagnostics).toEqual([]);
    expect(p.registry.function('fiscalYear')).toBeDefined();
  });

  test.each<[string, Record<string, string>, string | undefined, string, RegExp]>([
    ['explicit config file missing', {}, 'nope.json', 'PV3108', /configuration file .*nope\.json not found/],
    ['config is not JSON', { 'proviso.config.json': '{ "plugins": [], }' }, undefined, 'PV3101', /proviso\.config\.json is not valid JSON/],
    ['config is a folder', { 'cfg/x.txt': '' }, 'cfg', 'PV3113', /could not be read/],
    ['config shape error', { 'proviso.config.json': '{ "plugins": "x.js" }' }, undefined, 'PV3102', /plugins: expected a list/],
    ['plugin file missing', { 'proviso.config.json': '{ "plugins": ["./missing.js"] }' }, undefined, 'PV3109', /plugin \.\/missing\.js could not be loaded/],
    ['plugin with a syntax error', { 'proviso.config.json': '{ "plugins": ["./bad.js"] }', 'bad.js': 'export default function (api) {' }, undefined, 'PV3109', /plugin \.\/bad\.js could not be loaded/],
    ['plugin exports no function', { 'proviso.config.json': '{ "plugins": ["./empty.js"] }', 'empty.js': 'export const x = 1;' }, undefined, 'PV3110', /plugin \.\/empty\.js exports no plugin function/],
    ['plugin throws while registering', { 'proviso.config.json': '{ "plugins": ["./throws.js"] }', 'throws.js': 'export default () => { throw new Error("boom"); };' }, undefined, 'PV3111', /plugin \.\/throws\.js failed while registering: boom/],
    ['plugin redefines a built-in', { 'proviso.config.json': '{ "plugins": ["./dup.js"] }', 'dup.js': PLUGIN_OK.replace("'fiscalYear'", "'nextWeekday'") }, undefined, 'PV3111', /function "nextWeekday" from \.\/dup\.js: it is already registered by builtin/],
  ])('%s -> diagnostic', async (_name, files, configPath, code, message) => {
    const p = await loadProject({ cwd: project(files), configPath });
    expect(p.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(p.diagnostics[0].message).toMatch(message);
    expect(p.vocabulary.functions.some((f) => f.name === 'nextWeekday')).toBe(true);
  });

  test('a failing plugin does not stop the next one', async () => {
    const cwd = project({
      'proviso.config.json': JSON.stringify({ plugins: ['./throws.js', './ok.js'] }),
      'throws.js': 'export default () => { throw new Error("boom"); };',
      'ok.js': PLUGIN_OK,
    });
    const p = await loadProject({ cwd });
    expect(p.diagnostics.map((d) => d.code)).toEqual(['PV3111']);
    expect(p.registry.function('fiscalYear')).toBeDefined();
  });
});
