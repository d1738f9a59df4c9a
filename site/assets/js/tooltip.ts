// A tooltip that never interprets markup: every key and value becomes a text node. It replaces
// vega-tooltip's handler, which builds HTML strings and injects a <style> element (blocked by the
// CSP). Position is set through the CSSOM, which the CSP allows. Keys of the gu map's layout
// fields (`tile_*`) are internal and not shown.
type TooltipValue = unknown;

const HIDDEN_KEY = /^tile_/;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function fill(el: HTMLElement, value: TooltipValue): boolean {
  const doc = el.ownerDocument;
  el.replaceChildren();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([k, v]) => !HIDDEN_KEY.test(k) && v !== undefined);
    for (const [key, v] of entries) {
      const row = doc.createElement('div');
      row.className = key === 'title' ? 'cd-tooltip-title' : 'cd-tooltip-row';
      if (key !== 'title') {
        const k = doc.createElement('span');
        k.className = 'cd-tooltip-key';
        k.textContent = key;
        row.append(k, ' ');
      }
      const val = doc.createElement('span');
      val.className = 'cd-tooltip-value';
      val.textContent = text(v);
      row.append(val);
      el.append(row);
    }
    return entries.length > 0;
  }
  const t = text(value);
  el.textContent = t;
  return t !== '';
}

export interface Tooltip {
  handler: (handler: unknown, event: MouseEvent, item: unknown, value: TooltipValue) => void;
  hide(): void;
}

export function createTooltip(doc: Document): Tooltip {
  const el = doc.createElement('div');
  el.className = 'cd-tooltip';
  el.hidden = true;
  // Mouse-only information: the same values are in the data table for everyone else.
  el.setAttribute('aria-hidden', 'true');
  doc.body.append(el);
  const hide = () => {
    el.hidden = true;
  };
  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  return {
    hide,
    handler(_handler, event, _item, value) {
      if (value === null || value === undefined || value === '' || !event || !fill(el, value)) {
        hide();
        return;
      }
      el.hidden = false;
      const pad = 14;
      const view = doc.defaultView!;
      let x = event.clientX + pad;
      let y = event.clientY + pad;
      if (x + el.offsetWidth > view.innerWidth - 4) x = Math.max(4, event.clientX - pad - el.offsetWidth);
      if (y + el.offsetHeight > view.innerHeight - 4) y = Math.max(4, event.clientY - pad - el.offsetHeight);
      el.style.left = `${x}px`;
      el.style.top = `${y}px`;
    },
  };
}
