// The page's entry: sign in (or check the stored key), then load the
// application — and with it Monaco — as a separate chunk. The sign-in screen
// never downloads the editor.
import './styles.css';
import { ApiError, storedKey, storeKey } from './api/api-client.js';
import { renderSignIn, whoAmI, type Identity } from './screens/sign-in-screen.js';
import { h } from './ui/dom.js';

const app = document.getElementById('app')!;

async function start(): Promise<void> {
  const key = storedKey();
  if (!key) return showSignIn();
  try {
    const id = await whoAmI(key);
    await startApp(id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      storeKey(null);
      return showSignIn();
    }
    unreachable(err);
  }
}

function unreachable(err: unknown): void {
  app.replaceChildren(h('main', { id: 'main', class: 'card' }, h('h1', {}, 'Proviso is not reachable'), h('p', { role: 'alert' }, (err as Error).message)));
}

function showSignIn(): void {
  app.replaceChildren();
  document.title = 'Sign in — Proviso';
  renderSignIn(app, (id) => {
    startApp(id).catch(unreachable);
  });
}

async function startApp(identity: Identity): Promise<void> {
  const { startApp: start } = await import('./main.js');
  await start(identity);
}

void start();
