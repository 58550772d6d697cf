// Runs `proviso <args>` in-process (api/cli/main.ts) with buffered output and a
// temporary working directory holding the given files.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../api/cli/main.js';
import type { CliIo } from '../../api/cli/cli-types.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export function workspace(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function proviso(args: string[], cwd: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, out: (t) => void (out += t), err: (t) => void (err += t), isTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

export const CONFIG = JSON.stringify({
  attributes: {
    account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'] },
    order: { channel: 'string' },
    line: { costCenter: 'string', seats: 'decimal' },
  },
});

export function bookJson(over: { lines?: object[]; orders?: object[]; accounts?: object[]; invoiced?: object[] } = {}): string {
  const line = {
    id: 'OP1', orderId: 'O1', productCode: 'SUP-GOLD', productName: 'Gold support', chargeType: 'recurring',
    billingFrequency: 'monthly', billingType: 'advance', quantity: '10', unitPrice: '100.00',
    startDate: '2026-01-15', endDate: null, billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
  };
  return JSON.stringify({
    accounts: over.accounts ?? [{ id: 'A1', name: 'Acme GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA', segment: 'enterprise' } }],
    contracts: [],
    orders: over.orders ?? [{ id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: null, attributes: { channel: 'direct' } }],
    orderProducts: over.lines ?? [line],
    invoiced: over.invoiced ?? [],
  });
}
