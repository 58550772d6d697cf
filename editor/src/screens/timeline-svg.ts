// Draws an order product's next 12 months as SVG: one bar per period (stubs
// hatched), a diamond on each billing date, holds in red, overrides as an arrow
// from the natural billing date to the moved one. Pure DOM, no layout engine.

export interface TimelinePeriod {
  readonly start: string;
  readonly end: string;
  readonly billingDate: string;
  readonly naturalBillingDate?: string;
  readonly stub?: boolean;
  readonly held?: boolean;
  readonly holdReasons?: readonly string[];
  readonly overridden?: boolean;
  readonly overrideReason?: string;
  readonly invoiced?: boolean;
  readonly prorationFactor?: string;
  /** Proration in words: `full period`, `daily 17/31`. */
  readonly proration?: string;
  readonly amount?: string;
  /** What billing does with the period, in the service's words (engine/explain). */
  readonly explanation?: string;
}

export interface Timeline {
  readonly orderProductId: string;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly TimelinePeriod[];
}

const NS = 'http://www.w3.org/2000/svg';

/** `Name@v3` (a published version) -> `policy "Name" v3`. */
export function policyLabel(policy: string): string {
  const m = /^(.*)@v(\d+)$/.exec(policy);
  return m ? `policy "${m[1]}" v${m[2]}` : `policy "${policy}"`;
}
const DAY = 86_400_000;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const t = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** Reads the API's timeline (tolerating field-name variants). */
export function readTimeline(raw: Record<string, unknown>, fallbackId: string, from: string): Timeline {
  const rawPeriods = (Array.isArray(raw.periods) ? raw.periods : Array.isArray(raw.items) ? raw.items : []) as Record<string, unknown>[];
  const periods: TimelinePeriod[] = rawPeriods.map((p) => {
    const s = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
    const start = s('start') ?? s('periodStart') ?? '';
    const end = s('end') ?? s('periodEnd') ?? start;
    const billingDate = s('billingDate') ?? start;
    const natural = s('naturalBillingDate') ?? s('originalBillingDate');
    const lineReasons = Array.isArray(raw.holdReasons) ? (raw.holdReasons as string[]) : [];
    const reasons = Array.isArray(p.holdReasons) ? (p.holdReasons as string[]) : Array.isArray(p.reasons) ? (p.reasons as string[]) : p.held ? lineReasons : undefined;
    const override = p.override as { policy?: string; reason?: string } | undefined;
    const kind = s('kind');
    return {
      start,
      end,
      billingDate,
      ...(natural ? { naturalBillingDate: natural } : {}),
      stub: Boolean(p.stub ?? p.isStub ?? (kind !== undefined && kind !== 'full')),
      held: Boolean(p.held ?? p.hold ?? (reasons && reasons.length)),
      ...(reasons ? { holdReasons: reasons } : {}),
      overridden: Boolean(p.overridden ?? override ?? (natural && natural !== billingDate)),
      ...(s('overrideReason') ?? override?.reason ?? override?.policy
        ? { overrideReason: s('overrideReason') ?? [override?.reason, override?.policy ? policyLabel(override.policy) : ''].filter(Boolean).join(', ') }
        : {}),
      ...(s('proration') ? { proration: s('proration') } : {}),
      invoiced: Boolean(p.invoiced),
      ...(s('prorationFactor') ? { prorationFactor: s('prorationFactor') } : {}),
      ...(s('amount') ? { amount: s('amount') } : {}),
      ...(s('explanation') ? { explanation: s('explanation') } : {}),
    };
  });
  const to = typeof raw.to === 'string' ? raw.to : typeof raw.until === 'string' ? raw.until : periods.length ? periods[periods.length - 1]!.end : from;
  return { orderProductId: typeof raw.orderProductId === 'string' ? raw.orderProductId : fallbackId, from: typeof raw.from === 'string' ? raw.from : from, to, periods };
}

export function timelineSvg(tl: Timeline): SVGSVGElement {
  const width = 960;
  const left = 20;
  const right = 20;
  const barY = 60;
  const barH = 28;
  const height = 170;
  const from = Math.min(t(tl.from), ...tl.periods.map((p) => t(p.start)));
  const lastEnd = tl.periods.reduce((m, p) => Math.max(m, t(p.end) + DAY, t(p.billingDate) + DAY), t(tl.to));
  const to = Math.max(lastEnd, from + 30 * DAY);
  const x = (ms: number): number => left + ((ms - from) / (to - from)) * (width - left - right);

  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'timeline-svg', 'aria-labelledby': 'tl-title tl-desc' });
  svg.append(el('title', { id: 'tl-title' }, `Billing timeline of ${tl.orderProductId}`));
  const held = tl.periods.filter((p) => p.held).length;
  const stubs = tl.periods.filter((p) => p.stub).length;
  const moved = tl.periods.filter((p) => p.overridden).length;
  svg.append(el('desc', { id: 'tl-desc' }, `${tl.periods.length} periods from ${tl.from}: ${stubs} stub(s), ${held} held, ${moved} billing date(s) overridden.`));
  const defs = el('defs', {});
  const pat = el('pattern', { id: 'stub-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pat.append(el('rect', { width: 6, height: 6, fill: '#dbe7ff' }), el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#4a72c4', 'stroke-width': 2 }));
  const arrow = el('marker', { id: 'tl-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' });
  arrow.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#b35c00' }));
  defs.append(pat, arrow);
  svg.append(defs);

  // Month ticks.
  const d = new Date(from);
  let m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  while (m <= to) {
    if (m >= from) {
      svg.append(el('line', { x1: x(m), y1: 30, x2: x(m), y2: 140, stroke: '#ccc', 'stroke-dasharray': '2 3' }));
      const md = new Date(m);
      svg.append(el('text', { x: x(m) + 2, y: 24, 'font-size': 11, fill: '#555' }, md.toLocaleString('en', { month: 'short', timeZone: 'UTC' }) + (md.getUTCMonth() === 0 ? ` ${md.getUTCFullYear()}` : '')));
    }
    const nd = new Date(m);
    m = Date.UTC(nd.getUTCFullYear(), nd.getUTCMonth() + 1, 1);
  }

  for (const p of tl.periods) {
    const x0 = x(t(p.start));
    const x1 = x(t(p.end) + DAY);
    const fill = p.held ? '#f6c9c9' : p.stub ? 'url(#stub-hatch)' : p.invoiced ? '#d7ecd9' : '#dbe7ff';
    const g = el('g', { class: `period${p.stub ? ' stub' : ''}${p.held ? ' held' : ''}${p.overridden ? ' overridden' : ''}` });
    // the service's sentence when it sent one (engine/explain), else the period's facts
    const label = p.explanation ? `${p.start} – ${p.end}: ${p.explanation}` : `${p.start} – ${p.end}${p.stub ? ` (stub, ${p.proration ?? `factor ${p.prorationFactor ?? '?'}`})` : ''}; billed ${p.billingDate}${p.held ? `; held: ${(p.holdReasons ?? []).join('; ') || 'yes'}` : ''}${p.overridden ? `; billing date moved from ${p.naturalBillingDate ?? '?'}${p.overrideReason ? ` (${p.overrideReason})` : ''}` : ''}${p.amount ? `; ${p.amount}` : ''}`;
    g.append(el('title', {}, label));
    g.append(el('rect', { x: x0, y: barY, width: Math.max(1, x1 - x0 - 1), height: barH, fill, stroke: p.held ? '#b00020' : '#4a72c4', rx: 3 }));
    const bx = x(t(p.billingDate));
    g.append(el('path', { d: `M${bx},${barY + barH + 6} l6,8 l-6,8 l-6,-8 z`, fill: p.held ? '#b00020' : '#1b5e20' }));
    if (p.overridden && p.naturalBillingDate) {
      const nx = x(t(p.naturalBillingDate));
      g.append(el('path', { d: `M${nx},${barY - 6} Q${(nx + bx) / 2},${barY - 26} ${bx},${barY - 6}`, fill: 'none', stroke: '#b35c00', 'stroke-width': 2, 'marker-end': 'url(#tl-arrow)' }));
    }
    svg.append(g);
  }
  // Legend.
  const legend: [string, string][] = [['#dbe7ff', 'period'], ['url(#stub-hatch)', 'stub'], ['#f6c9c9', 'held'], ['#d7ecd9', 'invoiced']];
  legend.forEach(([f, text], i) => {
    svg.append(el('rect', { x: left + i * 110, y: 150, width: 14, height: 12, fill: f, stroke: '#777' }));
    svg.append(el('text', { x: left + i * 110 + 20, y: 160, 'font-size': 11 }, text));
  });
  svg.append(el('path', { d: `M${left + 450},150 l6,6 l-6,6 l-6,-6 z`, fill: '#1b5e20' }));
  svg.append(el('text', { x: left + 462, y: 160, 'font-size': 11 }, 'billing date'));
  svg.append(el('line', { x1: left + 560, y1: 156, x2: left + 590, y2: 156, stroke: '#b35c00', 'stroke-width': 2, 'marker-end': 'url(#tl-arrow)' }));
  svg.append(el('text', { x: left + 596, y: 160, 'font-size': 11 }, 'override'));
  return svg;
}
