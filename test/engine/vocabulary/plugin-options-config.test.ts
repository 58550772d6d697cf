// proviso.config.json plugin entries with options: `{ "module", "options" }`
// next to plain module paths; bad entries are reported with their JSON path,
// and loadProject hands each plugin its own options.
import { join } from 'node:path';
import { loadProject } from '../../../api/config/load-project.js';
import { parseConfig } from '../../../engine/vocabulary/config.js';

describe('plugin entries in proviso.config.json', () => {
  test('a path and an entry with options', () => {
    const { config, diagnostics } = parseConfig({ plugins: ['./a.js', { module: './b.js', options: { regions: { EMEA: [] } } }] }, 'proviso.config.json');
    expect(diagnostics).toEqual([]);
    expect(config.plugins).toEqual(['./a.js', './b.js']);
    expect(config.pluginOptions).toEqual({ './b.js': { regions: { EMEA: [] } } });
  });

  test.each([
    ['an entry without module', [{ options: {} }], 'PV3102', 'plugins[0].module'],
    ['an entry with an unknown key', [{ module: './b.js', option: {} }], 'PV3103', 'plugins[0]'],
    ['a number', [3], 'PV3102', 'plugins[0]'],
  ])('%s is reported with its path', (_name, plugins, code, path) => {
    const { diagnostics } = parseConfig({ plugins }, 'proviso.config.json');
    expect(diagnostics.map((d) => d.code)).toEqual([code]);
    expect(diagnostics[0].message).toContain(path);
  });

  test('loadProject gives the example plugin its options (its words check against them)', async () => {
    const p = await loadProject({ cwd: join(process.cwd(), 'examples', 'business-days') });
    expect(p.diagnostics).toEqual([]);
    const check = p.registry.function('isBusinessDay')?.check;
    const problems = check?.({ word: 'isBusinessDay', span: { start: 0, end: 1 }, args: [{ span: { start: 0, end: 1 } }, { literal: 'US', span: { start: 0, end: 1 } }] });
    expect(problems).toEqual([]); // US is a region of the example config
  });
});
