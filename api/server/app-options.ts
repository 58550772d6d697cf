export const APP_OPTIONS = Symbol('APP_OPTIONS');

export interface AppOptions {
  /** proviso.config.json to use (attributes, plugins); default: see resolveConfigPath. */
  readonly configPath?: string;
  /** Working directory for relative paths in the config (default process.cwd()). */
  readonly cwd?: string;
  /** false: do not load the billing-runs module (tests of other features). */
  readonly billingRuns?: boolean;
  /** Folder with the built editor (index.html), served at `/`. */
  readonly editorDir?: string;
  /** Webhook delivery in this instance: poll interval (0 = off; default 2000 ms) and receiver timeout. */
  readonly webhooks?: { readonly pollMs?: number; readonly timeoutMs?: number };
}
