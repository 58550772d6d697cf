// Generates realistic policy libraries for the benchmarks: conditions over the
// sample attributes and built-in fields, one or two statements each, priorities
// drawn from a small range (so the conflict detector has real work). With
// `exportable: true` every policy is one json-rules-engine can express
// (no arithmetic or function calls), so bench:eval can run both engines.
import { seededRandom } from '../engine/book/demo-book.js';

export const BENCH_ATTRIBUTES = {
  account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'], creditStatus: ['good', 'watch', 'blocked'] },
  order: { channel: 'string' },
  line: { costCenter: 'string', seats: 'decimal' },
} as const;

export interface GeneratedPolicies {
  readonly files: { file: string; text: string }[];
  readonly count: number;
  readonly bytes: number;
}

export function generatePolicies(count: number, seed: number, opts: { exportable?: boolean; perFile?: number } = {}): GeneratedPolicies {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const q = (s: string): string => JSON.stringify(s);

  const leaves: (() => string)[] = [
    () => `account.region = ${q(pick(['EMEA', 'NA', 'APAC']))}`,
    () => `account.segment in [${pick(['"enterprise"', '"smb"', '"strategic"', '"enterprise", "strategic"'])}]`,
    () => `order.type = ${q(pick(['new', 'amendment', 'renewal']))}`,
    () => `order.channel ${pick(['=', '!='])} ${q(pick(['direct', 'partner', 'online']))}`,
    () => `product.code starts with ${q(pick(['SUP', 'LIC', 'HOST', 'ANL', 'SETUP']))}`,
    () => `line.quantity ${pick(['>', '>=', '<', '<='])} ${int(1, 100)}`,
    () => `line.unitPrice ${pick(['>', '<'])} ${int(10, 2000)}`,
    // billingFrequency is absent on one-time lines: guard it, as a real library must
    () => `(line.billingFrequency is present and line.billingFrequency = ${q(pick(['monthly', 'quarterly', 'annual']))})`,
    () => `line.billingType = ${q(pick(['advance', 'arrears']))}`,
    () => `order.poNumber is ${pick(['present', 'missing'])}`,
    () => `line.startDate ${pick(['<', '>='])} 2025-${String(int(1, 12)).padStart(2, '0')}-01`,
    () => `account.currency in [${pick(['"EUR"', '"USD", "GBP"', '"JPY"'])}]`,
  ];
  const computed: (() => string)[] = [
    () => `line.quantity * line.unitPrice >= ${int(500, 20000)}`,
    () => `daysBetween(line.startDate, today) > ${int(10, 400)}`,
    () => `lower(product.name) contains ${q(pick(['support', 'licence', 'hosting']))}`,
  ];
  const leaf = (): string => (!opts.exportable && rnd() < 0.15 ? pick(computed)() : pick(leaves)());
  const condition = (): string => {
    const n = int(1, 4);
    const parts = Array.from({ length: n }, leaf);
    if (n >= 3 && rnd() < 0.4) return `${parts[0]} and (${parts.slice(1).join(' or ')})`;
    return parts.join(rnd() < 0.8 ? ' and ' : ' or ');
  };
  const statements: (() => string)[] = [
    () => `hold billing until order.poNumber is present reason ${q('Awaiting purchase order')}`,
    () => `hold billing reason ${q(pick(['Credit review', 'Order form missing', 'Tax exemption pending']))}`,
    () => `billing day of month ${pick(['1', '15', '28', 'last'])}`,
    () => `prorate ${pick(['daily', 'monthly-daily', 'whole-months', 'thirty-360', 'none'])} rounding ${pick(['half-up', 'half-even', 'up', 'down'])}`,
    () => `align amendments to ${pick(['own', 'original'])}`,
    () => `override billing date to 2027-01-${String(int(4, 8)).padStart(2, '0')} reason "Year end"`,
  ];
  const perFile = opts.perFile ?? 100;
  const files: { file: string; text: string }[] = [];
  let bytes = 0;
  for (let f = 0; f * perFile < count; f++) {
    const chunks: string[] = [`# generated policies ${f + 1}\n`];
    for (let i = f * perFile; i < Math.min(count, (f + 1) * perFile); i++) {
      const s1 = int(0, statements.length - 1);
      const body = [`  priority ${int(0, 30)}`];
      if (rnd() < 0.3) body.unshift(`  description "Generated rule ${i + 1} for the benchmark."`);
      if (!(s1 === 5 && opts.exportable)) body.push(`  when ${s1 === 5 ? `billingDate between 2026-12-24 and 2027-01-03 and ${leaf()}` : condition()}`);
      else body.push(`  when billingDate between 2026-12-24 and 2027-01-03`);
      body.push(`  ${statements[s1]()}`);
      chunks.push(`policy "Generated ${String(i + 1).padStart(5, '0')}" {\n${body.join('\n')}\n}\n`);
    }
    const text = chunks.join('\n');
    bytes += Buffer.byteLength(text);
    files.push({ file: `generated/${String(f + 1).padStart(3, '0')}.policy`, text });
  }
  return { files, count, bytes };
}
