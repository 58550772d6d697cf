import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { proviso, workspace } from './cli-harness.js';

test('proviso --version prints the version of package.json', async () => {
  const version = (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;
  const ws = workspace({});
  try {
    for (const flag of ['--version', '-v']) expect(await proviso([flag], ws.dir)).toEqual({ code: 0, out: `proviso ${version}\n`, err: '' });
  } finally {
    ws.cleanup();
  }
});
