// Progress of a run, as order products done of the total planned, and the
// milestones the CLI prints when stdout is not a terminal (one line per 10%).

export interface RunProgress {
  readonly done: number;
  readonly total: number;
}

/** Whole percent done, 100 for an empty run (nothing left to do). */
export function percentDone(p: RunProgress): number {
  if (p.total <= 0) return 100;
  return Math.min(100, Math.floor((p.done * 100) / p.total));
}

/** The 10% milestones crossed going from `before` to `after` (e.g. [10, 20]). */
export function milestonesCrossed(before: RunProgress | null, after: RunProgress, step = 10): number[] {
  const from = before ? Math.floor(percentDone(before) / step) : -1;
  const to = Math.floor(percentDone(after) / step);
  const out: number[] = [];
  for (let m = from + 1; m <= to; m++) out.push(m * step);
  return out;
}

/** A one-line text progress bar: `[#########...........]  45%  450/1000`. */
export function progressBar(p: RunProgress, width = 30): string {
  const pct = percentDone(p);
  const filled = Math.round((pct * width) / 100);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${p.done}/${p.total}`;
}
