// "Did you mean ...?" suggestions: names within a small edit distance of what
// was written (optimal string alignment: insert, delete, substitute, swap two
// neighbours), compared case-insensitively.

/** Edit distance between a and b, or `limit + 1` as soon as it must exceed limit. */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prevPrev[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/** Up to `max` candidates close to `written`, best first (ties keep candidate order). */
export function suggestNames(written: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = written.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(written.length / 3)));
  const scored: { name: string; distance: number; order: number }[] = [];
  let order = 0;
  for (const name of candidates) {
    const distance = editDistance(lower, name.toLowerCase(), limit);
    if (distance <= limit) scored.push({ name, distance, order });
    order++;
  }
  scored.sort((x, y) => x.distance - y.distance || x.order - y.order);
  return scored.slice(0, max).map((s) => s.name);
}

/** `; did you mean 'x'?` / `; did you mean 'x' or 'y'?`, or '' without candidates. */
export function didYouMean(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const quoted = candidates.map((c) => `'${c}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return `; did you mean ${list}?`;
}
