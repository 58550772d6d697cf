// Accessible tabs (WAI-ARIA tabs pattern): arrow keys move between tabs, each
// panel is rendered on first open and can be re-rendered with refresh(id).
import { h } from './dom.js';

export interface TabSpec {
  readonly id: string;
  readonly label: string;
  readonly render: (panel: HTMLElement) => void | (() => void);
}

export function tabs(label: string, specs: readonly TabSpec[]) {
  const list = h('div', { role: 'tablist', 'aria-label': label, class: 'tablist' });
  const element = h('section', { class: 'tabs' }, list);
  const cleanups = new Map<string, () => void>();
  const rendered = new Set<string>();
  const buttons: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];

  const renderPanel = (i: number): void => {
    const spec = specs[i]!;
    cleanups.get(spec.id)?.();
    cleanups.delete(spec.id);
    panels[i]!.replaceChildren();
    const c = spec.render(panels[i]!);
    if (c) cleanups.set(spec.id, c);
    rendered.add(spec.id);
  };

  const select = (i: number, focus: boolean): void => {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      panels[j]!.hidden = i !== j;
    });
    if (!rendered.has(specs[i]!.id)) renderPanel(i);
    if (focus) buttons[i]!.focus();
  };

  specs.forEach((spec, i) => {
    const b = h('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${spec.id}`,
      'aria-controls': `panel-${spec.id}`,
      'aria-selected': 'false',
      tabindex: '-1',
      onclick: () => select(i, false),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'ArrowRight') select((i + 1) % specs.length, true);
        else if (e.key === 'ArrowLeft') select((i - 1 + specs.length) % specs.length, true);
        else if (e.key === 'Home') select(0, true);
        else if (e.key === 'End') select(specs.length - 1, true);
      },
    }, spec.label);
    const p = h('div', { role: 'tabpanel', id: `panel-${spec.id}`, 'aria-labelledby': `tab-${spec.id}`, tabindex: '0', class: 'tabpanel', hidden: true });
    buttons.push(b);
    panels.push(p);
    list.append(b);
    element.append(p);
  });
  if (specs.length) select(0, false);

  return {
    element,
    select: (id: string) => select(Math.max(0, specs.findIndex((s) => s.id === id)), false),
    refresh(id: string): void {
      const i = specs.findIndex((s) => s.id === id);
      if (i >= 0 && rendered.has(id)) renderPanel(i);
    },
    dispose(): void {
      for (const c of cleanups.values()) c();
    },
  };
}
