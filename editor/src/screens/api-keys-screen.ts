// API keys (admin): who can sign in with which role; create a key (shown
// once) and revoke one.
import { api, listOf } from '../api/api-client.js';
import type { ApiKey } from '../api/api-types.js';
import { field, formatTime, h } from '../ui/dom.js';
import type { Screen } from './app-context.js';

export const apiKeysScreen: Screen = (root, ctx) => {
  root.append(h('div', { class: 'screen-head' }, h('h1', {}, 'API keys')));
  if (ctx.role !== 'admin') {
    root.append(h('p', { class: 'hint' }, 'Only an admin manages API keys.'));
    return;
  }
  const name = h('input', { type: 'text', name: 'keyName', required: true, placeholder: 'Who or what uses it' });
  const role = h('select', { name: 'keyRole' }, (['viewer', 'author', 'admin'] as const).map((r) => h('option', { value: r }, r)));
  const created = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const form = h('form', { class: 'panel-form inline', 'aria-label': 'Create an API key' }, field('Name', name), field('Role', role), h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  root.append(
    form,
    created,
    h('table', { class: 'grid', 'aria-label': 'API keys' },
      h('thead', {}, h('tr', {}, ['Name', 'Role', 'Starts with', 'Created', 'Last used', ''].map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
  );
  const load = (): void => {
    api<unknown>('GET', '/api/keys')
      .then((body) => {
        tbody.replaceChildren(
          ...listOf<ApiKey>(body, 'keys').map((k) =>
            h('tr', {},
              h('td', {}, k.name),
              h('td', {}, k.role),
              h('td', {}, h('code', {}, `${k.prefix}…`)),
              h('td', {}, formatTime(k.createdAt)),
              h('td', {}, formatTime(k.lastUsedAt) || 'never'),
              h('td', {},
                k.revokedAt
                  ? `revoked ${formatTime(k.revokedAt)}`
                  : h('button', {
                      type: 'button',
                      onclick: () => {
                        if (!window.confirm(`Revoke the key "${k.name}"? Whoever uses it is signed out.`)) return;
                        api('DELETE', `/api/keys/${encodeURIComponent(k.id)}`)
                          .then(() => {
                            ctx.notify(`Revoked "${k.name}".`, 'ok');
                            load();
                          })
                          .catch((err: Error) => ctx.notify(err.message, 'error'));
                      },
                    }, 'Revoke'),
              ),
            ),
          ),
        );
      })
      .catch((err: Error) => ctx.notify(err.message, 'error'));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    api<{ key: string; name: string }>('POST', '/api/keys', { name: name.value.trim(), role: role.value })
      .then((r) => {
        created.replaceChildren(`Key for "${r.name}" (shown once, copy it now): `, h('code', { 'data-testid': 'new-key' }, r.key));
        created.dataset.kind = 'ok';
        name.value = '';
        load();
      })
      .catch((err: Error) => {
        created.textContent = err.message;
        created.dataset.kind = 'error';
      });
  });
  load();
};
