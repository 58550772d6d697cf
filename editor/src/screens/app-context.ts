// What every screen receives: the signed-in role, the vocabulary and
// navigation; the policy editor also gets the DSL worker.
import type { Role } from '../api/api-types.js';
import type { EditorVocabulary } from '../vocabulary/editor-vocabulary.js';
import type { DslWorkerClient } from '../worker/worker-client.js';

export interface AppContext {
  readonly role: Role | 'unknown';
  /** The signed-in key's id (to tell one's own publish requests), when the service says. */
  readonly keyId?: string;
  /** Four eyes: a publish is a request another admin approves. */
  readonly fourEyes: boolean;
  readonly vocabulary: () => EditorVocabulary;
  navigate(hash: string): void;
  /** While set, leaving the screen (menu, links, back) first asks: the guard returns the question, or null when nothing would be lost. */
  setLeaveGuard(guard: (() => string | null) | null): void;
  /** Shows a message in the global live region. */
  notify(text: string, kind?: 'info' | 'error' | 'ok'): void;
  /** Clears a message that no longer holds ("Draft saved." once the text is edited again); errors stay. */
  clearNotice(): void;
}

/** What the policy editor receives besides: the DSL worker (started with its chunk, editor-runtime.ts). */
export interface EditorContext extends AppContext {
  readonly worker: DslWorkerClient;
}

/** Viewers may read everything but change nothing. An unknown role is treated
 * as able; the service answers 403 if it is not. */
export function canWrite(ctx: AppContext): boolean {
  return ctx.role !== 'viewer';
}

export function canRun(ctx: AppContext): boolean {
  return ctx.role !== 'viewer';
}

/** A screen renders into its container and may clean up when left. */
export type Screen = (root: HTMLElement, ctx: AppContext, params: Record<string, string>) => (() => void) | void;

export type EditorScreen = (root: HTMLElement, ctx: EditorContext, params: Record<string, string>) => (() => void) | void;
