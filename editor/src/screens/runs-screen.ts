// Billing runs: history, start a dry or real run for a date, a live progress
// bar (polling GET /api/billing-runs/:id), and when done its invoices, holds,
// errors and a CSV download.
import { api, download } from '../api/api-client.js';
import type { BillingRun, Invoice, TraceEntry } from '../api/api-types.js';
import { allPages, client, send } from '../api/typed-client.js';
import { field, formatTime, h } from '../ui/dom.js';
import { canRun, type Screen } from './app-context.js';
import { renderSimulation, today } from './simulation-panel.js';

const POLL_MS = 400;

export function percent(run: BillingRun): number {
  if (run.status === 'completed') return 100;
  const p = run.progress;
  if (!p || !p.total) return 0;
  return Math.min(100, Math.floor((p.done / p.total) * 100));
}

/** Runs are named by their date and number among the runs of that date: "2026-12-15 · run 2". */
export function runNames(runs: readonly BillingRun[]): Map<string, string> {
  const byDate = new Map<string, BillingRun[]>();
  for (const r of runs) byDate.set(r.asOf, [...(byDate.get(r.asOf) ?? []), r]);
  const names = new Map<string, string>();
  for (const [date, list] of byDate) {
    const ordered = [...list].sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')) || String(a.id).localeCompare(String(b.id)));
    ordered.forEach((r, i) => names.set(String(r.id), `${date} · run ${i + 1}${r.dryRun ? ' (dry)' : ''}`));
  }
  return names;
}

/** The published versions a run used: "01-hold-until-po.policy v1, …". */
export function versionsText(run: BillingRun): string {
  const list = Array.isArray(run.policyVersions) ? (run.policyVersions as { name?: string; version?: number }[]) : [];
  return list.length ? list.map((v) => `${v.name ?? '?'} v${v.version ?? '?'}`).join(', ') : 'no published policies';
}

export const runsScreen: Screen = (root, ctx, params) => {
  let names = new Map<string, string>();
  const tbody = h('tbody');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const detail = h('section', { class: 'run-detail', 'aria-label': 'Run details' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const startForm = (() => {
    if (!canRun(ctx)) return h('p', { class: 'hint' }, 'Your role can view runs but not start them.');
    const asOf = h('input', { type: 'date', name: 'runAsOf', required: true, value: today() });
    const dry = h('input', { type: 'checkbox', name: 'dryRun', checked: true });
    const dryId = 'run-dry';
    dry.id = dryId;
    const start = h('button', { type: 'submit', class: 'primary' }, 'Start run');
    const form = h('form', { class: 'panel-form inline', 'aria-label': 'Start a billing run' },
      field('Bill everything due up to', asOf),
      h('div', { class: 'field checkbox' }, dry, h('label', { for: dryId }, 'Dry run (write nothing)')),
      start,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!dry.checked && !confirm(`Start a real billing run for ${asOf.value}? Invoices will be written.`)) return;
      start.disabled = true;
      api<{ id: string | number }>('POST', '/api/billing-runs', { asOf: asOf.value, dryRun: dry.checked })
        .then((r) => {
          ctx.notify(`Run ${r.id} started.`, 'ok');
          ctx.navigate(`#/runs/${encodeURIComponent(String(r.id))}`);
        })
        .catch((err: Error) => ctx.notify(err.message, 'error'))
        .finally(() => {
          start.disabled = false;
        });
    });
    return form;
  })();

  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, 'Billing runs')),
    startForm,
    detail,
    h('h2', {}, 'History'),
    status,
    h('table', { class: 'grid', 'aria-label': 'Billing runs' },
      h('thead', {}, h('tr', {}, ...['Run', 'Kind', 'Status', 'Progress', 'Lines', 'Policies', 'Started'].map((c) => h('th', { scope: 'col' }, c)))),
      tbody,
    ),
  );

  function loadList(): void {
    // the newest page is the history shown
    send(client.GET('/api/billing-runs', { params: { query: { limit: 50 } } }))
      .then((page) => {
        const runs: BillingRun[] = page.items;
        names = runNames(runs);
        for (const el of detail.querySelectorAll<HTMLElement>('[data-run-name]')) el.textContent = `Run ${names.get(el.dataset.runName!) ?? el.dataset.runName}`;
        status.textContent = runs.length ? `${runs.length} run(s).` : 'No runs yet.';
        tbody.replaceChildren(
          ...runs.map((r) =>
            h('tr', {},
              h('td', {}, h('a', { href: `#/runs/${encodeURIComponent(String(r.id))}`, title: String(r.id) }, names.get(String(r.id)) ?? r.asOf)),
              h('td', {}, r.dryRun ? 'dry run' : 'real'),
              h('td', {}, r.status),
              h('td', {}, `${percent(r)}%`),
              h('td', { class: 'num' }, String(r.counts?.lines ?? '')),
              h('td', {}, versionsText(r)),
              h('td', {}, formatTime(r.startedAt ?? r.createdAt)),
            ),
          ),
        );
      })
      .catch((err: Error) => {
        status.textContent = err.message;
        status.dataset.kind = 'error';
      });
  }

  function watch(id: string): void {
    if (timer) clearTimeout(timer);
    const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Run progress', id: 'run-progress' });
    const label = h('span', { class: 'progress-label', 'aria-live': 'polite' }, '0%');
    const counts = h('p', { class: 'counts' });
    const versions = h('p', { class: 'hint', 'data-testid': 'run-versions' });
    const results = h('div', {});
    detail.replaceChildren(h('h2', { 'data-run-name': id }, `Run ${names.get(id) ?? id}`), h('div', { class: 'progress-row' }, bar, label), counts, versions, results);
    const poll = (): void => {
      api<BillingRun>('GET', `/api/billing-runs/${encodeURIComponent(id)}`)
        .then((run) => {
          if (stopped) return;
          const pct = percent(run);
          bar.value = pct;
          versions.textContent = `Policies used: ${versionsText(run)}.`;
          label.textContent = `${pct}% · ${run.status}${run.progress ? ` (${run.progress.done}/${run.progress.total} order products)` : ''}`;
          const c = run.counts;
          counts.textContent = c ? `${c.invoices} invoice(s), ${c.lines} line(s), ${c.holds} hold(s), ${c.errors} error(s)${run.dryRun ? ' — dry run, nothing written' : ''}` : '';
          if (run.status === 'completed' || run.status === 'failed') {
            if (run.status === 'failed') counts.textContent += ` — failed${run.error ? `: ${run.error}` : ''}`;
            showResults(run, results);
            loadList();
          } else {
            timer = setTimeout(poll, POLL_MS);
          }
        })
        .catch((err: Error) => {
          label.textContent = err.message;
          if (!stopped) timer = setTimeout(poll, POLL_MS * 5);
        });
    };
    poll();
  }

  function showResults(run: BillingRun, el: HTMLElement): void {
    const id = String(run.id);
    const csv = h('button', { type: 'button' }, 'Download invoices (CSV)');
    csv.addEventListener('click', () => {
      download(`/api/invoices.csv?runId=${encodeURIComponent(id)}`, `invoices-${run.asOf}-${id}.csv`).catch((err: Error) => ctx.notify(err.message, 'error'));
    });
    el.replaceChildren(csv, h('p', {}, 'Loading invoices…'));
    // every page of each list (a run may bill more invoices than one page holds)
    const path = { id };
    Promise.all([
      allPages<Invoice>((cursor) => send(client.GET('/api/invoices', { params: { query: { runId: id, limit: 1000, cursor } } }))),
      allPages((cursor) => send(client.GET('/api/billing-runs/{id}/holds', { params: { path, query: { limit: 5000, cursor } } })))
        .then((holds) => holds.map((x) => ({ orderProductId: x.orderProductId, reasons: x.reasons, policies: x.policies, ...(Array.isArray(x.trace) ? { trace: x.trace as TraceEntry[] } : {}) })))
        .catch(() => []),
      allPages((cursor) => send(client.GET('/api/billing-runs/{id}/errors', { params: { path, query: { limit: 5000, cursor } } })))
        .then((errors) => errors.map((x) => ({ orderProductId: x.orderProductId, code: x.code, message: x.message, ...(x.policy ? { policy: x.policy } : {}) })))
        .catch(() => []),
    ])
      .then(([invoices, holds, errors]) => {
        el.replaceChildren(csv, renderSimulation({ asOf: run.asOf, invoices, holds, errors }));
      })
      .catch((err: Error) => el.replaceChildren(csv, h('p', { class: 'status', 'data-kind': 'error' }, err.message)));
  }

  loadList();
  if (params.id) watch(params.id);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
};
