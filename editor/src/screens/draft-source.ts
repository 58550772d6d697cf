// What the simulation and impact panels run on: the draft in the policy
// editor, which is not there until the stored document has loaded. A panel's
// run button stays disabled, saying why, until it is (no click in that gap can
// run on an empty text).
import type { Draft } from './impact-panel.js';

/** The draft in the editor, for a panel to run: none until the stored document has loaded (a new document is ready at once). */
export interface DraftSource {
  /** The draft as it is now, or null while the stored document is still loading. */
  get(): Draft | null;
  /** Calls `then` once the draft is there (at once when it already is). */
  whenReady(then: () => void): void;
}

/** Keeps a panel's run button disabled, saying why in `reason`, until the draft it runs on has loaded. */
export function disableUntilReady(source: DraftSource, button: HTMLButtonElement, reason: HTMLElement): void {
  if (source.get()) return;
  button.disabled = true;
  reason.textContent = 'Loading the document…';
  source.whenReady(() => {
    button.disabled = false;
    reason.textContent = '';
  });
}
