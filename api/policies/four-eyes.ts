// Four eyes on publishing: with PROVISO_FOUR_EYES=1 (or AppOptions.fourEyes)
// a publish becomes a request that a different admin approves or rejects.
import type { AppOptions } from '../server/app-options.js';

export function fourEyesOn(options: Pick<AppOptions, 'fourEyes'>, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return options.fourEyes ?? env.PROVISO_FOUR_EYES === '1';
}

/** Why a key may not decide a request, or null when it may. */
export function decisionRefusal(decider: { id: string; role: string }, requestedBy: string): string | null {
  if (decider.role !== 'admin') return 'only an admin approves or rejects a publish request';
  if (decider.id === requestedBy) return 'a publish request is approved or rejected by a different admin than the one who asked (four eyes)';
  return null;
}
