// Sign in with an API key. The key is kept in sessionStorage (gone when the tab
// closes); the role comes from GET /api/me, or is probed when that route is absent.
import { api, ApiError, storeKey } from '../api/api-client.js';
import type { Role } from '../api/api-types.js';
import { field, h } from '../ui/dom.js';

export interface Identity {
  readonly role: Role | 'unknown';
  readonly name?: string;
  readonly id?: string;
}

/** Resolves the role of a key; throws ApiError 401 for a bad key. */
export async function whoAmI(key: string): Promise<Identity> {
  try {
    const me = await api<{ id?: string; role?: string; name?: string; keyName?: string }>('GET', '/api/me', undefined, key);
    const role = me?.role === 'admin' || me?.role === 'author' || me?.role === 'viewer' ? me.role : 'unknown';
    const name = me?.name ?? me?.keyName;
    return { role, ...(name ? { name } : {}), ...(typeof me?.id === 'string' ? { id: me.id } : {}) };
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) throw err;
  }
  // No /api/me: a readable route proves the key; the role stays unknown.
  await api('GET', '/api/policies', undefined, key);
  return { role: 'unknown' };
}

export function renderSignIn(root: HTMLElement, onSignedIn: (id: Identity) => void): void {
  const input = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true, spellcheck: 'false' });
  const status = h('p', { class: 'status', role: 'alert', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in to Proviso'),
    h('p', {}, 'Use the API key your administrator gave you. It is kept only for this browser tab.'),
    field('API key', input),
    submit,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) {
      status.textContent = 'Enter an API key.';
      return;
    }
    submit.disabled = true;
    status.textContent = 'Checking the key…';
    whoAmI(key)
      .then((id) => {
        storeKey(key);
        onSignedIn(id);
      })
      .catch((err: unknown) => {
        status.textContent =
          err instanceof ApiError && err.status === 401 ? 'That API key was not accepted.' : err instanceof Error ? err.message : String(err);
        submit.disabled = false;
        input.focus();
      });
  });
  root.append(h('main', { id: 'main', class: 'sign-in-page' }, form));
  input.focus();
}
