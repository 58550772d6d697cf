// The ids a streamed book has declared so far, with the account each belongs
// to and the path of the row that declared it, in little memory per row: a
// million order products are validated without holding a million row objects
// or path strings. Paths that count up (`file row 2`, `file row 3`, ... or
// `orderProducts[0]`, `orderProducts[1]`, ...) are kept as runs and rebuilt
// when an error needs one.

/** What is remembered of a declared id. */
export interface Seen {
  readonly path: string;
  readonly accountId: string | undefined;
}

interface PathRun {
  /** First ordinal of the run. */
  readonly from: number;
  readonly prefix: string;
  readonly suffix: string;
  /** The number in the path of ordinal `from`. */
  readonly first: number;
}

const NUMBERED = /^(.*?)(\d+)(\]?)$/;

/** Paths by ordinal, stored as runs of counting-up numbers (one run per gap, not per row). */
class PathList {
  private readonly runs: PathRun[] = [];
  /** Paths that are not `prefix + number + suffix`, by ordinal. */
  private readonly other = new Map<number, string>();
  private length = 0;

  push(path: string): void {
    const k = this.length++;
    const m = NUMBERED.exec(path);
    if (!m || m[2].length > 15) {
      this.other.set(k, path);
      return;
    }
    const n = Number(m[2]);
    const run = this.runs[this.runs.length - 1];
    const continues = run && run.prefix === m[1] && run.suffix === m[3] && run.first + (k - run.from) === n && String(n) === m[2];
    if (continues) return;
    if (String(n) !== m[2]) {
      this.other.set(k, path); // leading zeros: not rebuilt from a number
      return;
    }
    this.runs.push({ from: k, prefix: m[1], suffix: m[3], first: n });
  }

  at(k: number): string {
    const kept = this.other.get(k);
    if (kept !== undefined) return kept;
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid].from <= k) lo = mid;
      else hi = mid - 1;
    }
    const run = this.runs[lo];
    return `${run.prefix}${run.first + (k - run.from)}${run.suffix}`;
  }
}

export class SeenIds {
  /** id -> ordinal (a small integer: no object per row). */
  private readonly index = new Map<string, number>();
  /** Account of each ordinal (references to strings already held). */
  private readonly accountIds: (string | undefined)[] = [];
  private readonly paths = new PathList();

  has(id: string): boolean {
    return this.index.has(id);
  }

  get(id: string): Seen | undefined {
    const k = this.index.get(id);
    if (k === undefined) return undefined;
    return { path: this.paths.at(k), accountId: this.accountIds[k] };
  }

  /** The account of `id` without rebuilding its path. */
  accountOf(id: string): string | undefined {
    const k = this.index.get(id);
    return k === undefined ? undefined : this.accountIds[k];
  }

  /** Remembers `id` (the first declaration wins; callers report a second one). */
  add(id: string, path: string, accountId: string | undefined): void {
    if (this.index.has(id)) return;
    this.index.set(id, this.accountIds.length);
    this.accountIds.push(accountId);
    this.paths.push(path);
  }
}
