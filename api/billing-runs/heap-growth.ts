// How far V8 lets the old generation grow past what survived its last full
// collection before it collects again. A billing run allocates a chunk's book,
// plan and write parameters, keeps them a few seconds (across awaits, so they
// outlive the young generation) and drops them; with a large heap limit V8
// grows the old generation up to 4x the live heap before collecting, so the
// garbage of finished chunks piles up to ~300 MB (RSS past 500 MB at 1M order
// products, 2 chunks at once). A lower factor collects that garbage sooner:
// more, equally short, full collections (each marks only the live heap).
// Process-wide (one V8 heap); applied when a worker starts draining.
import { setFlagsFromString } from 'node:v8';

let applied: number | null = null;

/**
 * Sets V8's heap growing factor to 1 + percent/100 for the rest of the
 * process; 0 leaves V8's own adaptive factor (or restores it). Idempotent.
 */
export function applyHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`heap growth must be a whole percentage >= 0, got ${percent}`);
  if (applied === percent || (applied === null && percent === 0)) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  applied = percent;
}

/** The percentage last applied (null: never; V8's own factor). */
export function appliedHeapGrowth(): number | null {
  return applied;
}
