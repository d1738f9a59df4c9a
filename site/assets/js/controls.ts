// The controls under an interactive chart, cloned from the page's <template id="cd-chart-controls">
// (the build writes it in the page's language): zoom buttons for time series, a link that jumps
// to the data table (the keyboard path to every value), a hint and a polite status line.
import type { View } from 'vega';
import { GU_SIGNAL, panDomain, XDOM, XHOME, zoomDomain } from './interactions.ts';

export interface ControlPlan {
  zoom: { utc: boolean } | null;
  map: boolean;
}

type Domain = [number, number];

function fillIn(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

export function mountControls(host: HTMLElement, view: View, plan: ControlPlan): HTMLElement | null {
  const tpl = document.getElementById('cd-chart-controls');
  if (!(tpl instanceof HTMLTemplateElement)) return null;
  const box = (tpl.content.firstElementChild?.cloneNode(true) ?? null) as HTMLElement | null;
  if (!box) return null;
  const words = tpl.dataset;
  const status = box.querySelector<HTMLElement>('.cd-status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  for (const hint of box.querySelectorAll<HTMLElement>('[data-hint]')) {
    const kind = hint.dataset.hint;
    if ((kind === 'zoom' && !plan.zoom) || (kind === 'map' && !plan.map)) hint.remove();
  }

  const table = host.closest('article')?.querySelector<HTMLElement>('.table-scroll') ?? null;
  const toTable = box.querySelector<HTMLAnchorElement>('.cd-to-table');
  if (toTable && table) {
    toTable.addEventListener('click', (e) => {
      e.preventDefault();
      table.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' });
      table.focus({ preventScroll: true });
    });
  } else toTable?.remove();

  const zoomBox = box.querySelector<HTMLElement>('.cd-zoom');
  if (plan.zoom) {
    const fmt = new Intl.DateTimeFormat(document.documentElement.lang || 'ko', { dateStyle: 'medium', timeZone: plan.zoom.utc ? 'UTC' : undefined });
    const home = () => view.signal(XHOME) as Domain;
    const current = () => view.signal(XDOM) as Domain;
    const set = (d: Domain) => {
      view.signal(XDOM, d).runAsync();
      say(fillIn(words.range ?? '{from} – {to}', { from: fmt.format(d[0]), to: fmt.format(d[1]) }));
    };
    const act = (what: string): boolean => {
      if (what === 'in') set(zoomDomain(current(), home(), 0.5));
      else if (what === 'out') set(zoomDomain(current(), home(), 2));
      else if (what === 'reset') set(home());
      else if (what === 'left') set(panDomain(current(), home(), -0.2));
      else if (what === 'right') set(panDomain(current(), home(), 0.2));
      else return false;
      return true;
    };
    for (const b of box.querySelectorAll<HTMLButtonElement>('button[data-zoom]')) b.addEventListener('click', () => act(b.dataset.zoom ?? ''));
    const keys: Record<string, string> = { '+': 'in', '=': 'in', '-': 'out', _: 'out', '0': 'reset' };
    host.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const zoomed = current()[1] - current()[0] < home()[1] - home()[0];
      const what = keys[e.key] ?? (zoomed && e.key === 'ArrowLeft' ? 'left' : zoomed && e.key === 'ArrowRight' ? 'right' : '');
      if (what && act(what)) e.preventDefault();
    });
  } else zoomBox?.remove();

  if (plan.map) {
    view.addSignalListener(GU_SIGNAL, (_name, value) => {
      say(value ? fillIn(words.selected ?? '{name}', { name: String(value) }) : (words.cleared ?? ''));
    });
  }

  (host.closest('figure') ?? host).after(box);
  return box;
}
