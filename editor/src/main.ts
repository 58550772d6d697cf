// The editor application after sign-in (boot.ts loads this module only once a
// key is accepted): load the vocabulary manifest and route between screens by
// URL hash. Monaco, the DSL language and the DSL worker (editor-runtime.ts) are
// loaded the first time a policy opens, not for the other screens.
import { api, storeKey } from './api/api-client.js';
import type { AppContext, Screen } from './screens/app-context.js';
import { policyListScreen } from './screens/policy-list-screen.js';
import { accountsScreen } from './screens/accounts-screen.js';
import { apiKeysScreen } from './screens/api-keys-screen.js';
import { auditScreen } from './screens/audit-screen.js';
import { invoicesScreen } from './screens/invoices-screen.js';
import { publishRequestsScreen } from './screens/publish-requests-screen.js';
import { runsScreen } from './screens/runs-screen.js';
import type { Identity } from './screens/sign-in-screen.js';
import { timelineScreen } from './screens/timeline-screen.js';
import { h } from './ui/dom.js';
import { EditorVocabulary } from './vocabulary/editor-vocabulary.js';
import type { VocabularyManifest } from './vocabulary/manifest-types.js';
import { readManifest } from './vocabulary/manifest-to-vocabulary.js';
import type { DslWorkerClient } from './worker/worker-client.js';

const app = document.getElementById('app')!;

interface Route {
  readonly pattern: RegExp;
  readonly screen: Screen;
  readonly nav: string;
  readonly title: string;
}

/** The policy editor's chunk and its worker, started once, on first use. */
let editorRuntime: Promise<{ worker: DslWorkerClient; screen: typeof import('./editor-runtime.js').policyEditorScreen }> | null = null;
let vocabulary = new EditorVocabulary(readManifest({}));
let manifest: VocabularyManifest | null = null;

function loadEditorRuntime(): NonNullable<typeof editorRuntime> {
  editorRuntime ??= import('./editor-runtime.js').then((m) => ({ worker: m.startEditorRuntime(() => vocabulary, manifest), screen: m.policyEditorScreen }));
  editorRuntime.catch(() => (editorRuntime = null)); // a failed load is tried again on the next visit
  return editorRuntime;
}

/** The policy editor, once its chunk is there; leaving before that cancels it. */
const policyEditor: Screen = (root, ctx, params) => {
  let left = false;
  let cleanup: (() => void) | void;
  root.replaceChildren(h('p', { class: 'status', 'aria-busy': 'true' }, 'Loading the editor…'));
  loadEditorRuntime().then(
    (rt) => {
      if (left) return;
      root.replaceChildren();
      cleanup = rt.screen(root, { ...ctx, worker: rt.worker }, params);
    },
    (err: unknown) => {
      if (!left) ctx.notify(`The editor could not be loaded (${(err as Error).message}); reload the page to try again.`, 'error');
    },
  );
  return () => {
    left = true;
    if (cleanup) cleanup();
  };
};

const ROUTES: readonly Route[] = [
  { pattern: /^#\/policies\/(?<id>[^/]+)$/, screen: policyEditor, nav: 'policies', title: 'Policy' },
  { pattern: /^#\/policies\/?$/, screen: policyListScreen, nav: 'policies', title: 'Policies' },
  { pattern: /^#\/timeline(?:\/(?<id>[^/]+))?$/, screen: timelineScreen, nav: 'timeline', title: 'Timeline' },
  { pattern: /^#\/runs(?:\/(?<id>[^/]+))?$/, screen: runsScreen, nav: 'runs', title: 'Billing runs' },
  { pattern: /^#\/requests\/?$/, screen: publishRequestsScreen, nav: 'requests', title: 'Publish requests' },
  { pattern: /^#\/accounts(?:\/(?<id>[^/]+))?$/, screen: accountsScreen, nav: 'accounts', title: 'Accounts' },
  { pattern: /^#\/invoices(?:\/(?<id>[^/]+))?$/, screen: invoicesScreen, nav: 'invoices', title: 'Invoices' },
  { pattern: /^#\/audit\/?$/, screen: auditScreen, nav: 'audit', title: 'Audit log' },
  { pattern: /^#\/keys\/?$/, screen: apiKeysScreen, nav: 'keys', title: 'API keys' },
];

export async function startApp(identity: Identity): Promise<void> {
  const live = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  const main = h('main', { id: 'main', tabindex: '-1' });
  const NAV = { policies: 'Policies', accounts: 'Accounts', invoices: 'Invoices', timeline: 'Timeline', runs: 'Runs', requests: 'Requests', audit: 'Audit', keys: 'API keys' } as const;
  const navLinks = (Object.keys(NAV) as (keyof typeof NAV)[])
    .filter((n) => n !== 'keys' || identity.role === 'admin')
    .map((n) => h('a', { href: `#/${n}`, 'data-nav': n }, NAV[n]));
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', () => {
    storeKey(null);
    window.removeEventListener('hashchange', route);
    location.replace(location.pathname + location.search); // a full load, without the hash

  });
  const roleLabel = identity.role === 'unknown' ? 'signed in' : `role: ${identity.role}`;
  app.replaceChildren(
    h('header', { class: 'topbar' },
      h('a', { href: '#/policies', class: 'brand' }, 'Proviso'),
      h('nav', { 'aria-label': 'Main' }, navLinks),
      h('span', { class: 'who', 'data-testid': 'role' }, identity.name ? `${identity.name} · ${roleLabel}` : roleLabel),
      signOut,
    ),
    live,
    main,
  );

  let notifiedAt = 0;
  let leaveGuard: (() => string | null) | null = null;
  const fourEyes = await api<{ fourEyes?: boolean }>('GET', '/api/publish-requests/settings')
    .then((r) => r.fourEyes === true)
    .catch(() => false);
  const ctx: AppContext = {
    role: identity.role,
    ...(identity.id ? { keyId: identity.id } : {}),
    fourEyes,
    vocabulary: () => vocabulary,
    navigate(hash: string) {
      if (location.hash !== hash) location.hash = hash;
    },
    setLeaveGuard(guard) {
      leaveGuard = guard;
    },
    notify(text, kind = 'info') {
      live.textContent = text;
      live.dataset.kind = kind;
      notifiedAt = Date.now();
    },
    clearNotice() {
      if (live.dataset.kind !== 'error') live.textContent = '';
    },
  };
  try {
    manifest = readManifest(await api<unknown>('GET', '/api/vocabulary'));
    vocabulary = new EditorVocabulary(manifest);
  } catch (err) {
    ctx.notify(`The vocabulary could not be loaded (${(err as Error).message}); names will show as unknown.`, 'error');
  }

  let cleanup: (() => void) | void;
  let currentHash: string | undefined;
  function route(): void {
    const hash = location.hash || '#/policies';
    if (hash === currentHash) return;
    const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(hash) })).find((x) => x.m);
    if (!match) {
      location.hash = '#/policies';
      return;
    }
    const question = leaveGuard?.() ?? null;
    if (question !== null && !window.confirm(question)) {
      // Stay: put the address back without another hashchange.
      if (currentHash !== undefined) history.replaceState(null, '', currentHash);
      return;
    }
    leaveGuard = null;
    currentHash = hash;
    if (cleanup) cleanup();
    main.replaceChildren();
    // A message outlives the navigation that it announced, not the next one.
    if (Date.now() - notifiedAt > 1500) live.textContent = '';
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(match.m!.groups ?? {})) if (v !== undefined) params[k] = decodeURIComponent(v);
    for (const a of navLinks) {
      if (a.dataset.nav === match.r.nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = `${match.r.title} — Proviso`;
    cleanup = match.r.screen(main, ctx, params);
  }
  window.addEventListener('hashchange', route);
  route();
}
