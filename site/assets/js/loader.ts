// The only script a chart page loads up front (well under 1 KB minified). It fetches the
// interactive chart bundle the first time a chart comes near the viewport, never before, so a
// reader who only looks at the top of the page or the table pays nothing for vega.
// The bundle's content-hashed file name is fixed at build time (pipeline/site/client-bundle.ts).
declare const __CHART_BUNDLE__: string;

interface ChartBundle {
  enhance(host: HTMLElement): Promise<void>;
}

let bundle: Promise<ChartBundle> | null = null;

function loadBundle(): Promise<ChartBundle> {
  bundle ??= import(new URL(__CHART_BUNDLE__, import.meta.url).href) as Promise<ChartBundle>;
  return bundle;
}

function start(host: HTMLElement): void {
  loadBundle()
    .then((b) => b.enhance(host))
    .catch((err: unknown) => {
      // The static SVG and the table are still there; say why in the element, not in a dialog.
      host.dataset.enhanced = 'failed';
      console.warn('citydash: interactive chart unavailable:', err instanceof Error ? err.message : err);
    });
}

const hosts = Array.from(document.querySelectorAll<HTMLElement>('[data-chart-embed][data-spec]'));
if (hosts.length > 0) {
  if ('IntersectionObserver' in window) {
    const seen = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          seen.unobserve(e.target);
          start(e.target as HTMLElement);
        }
      },
      { rootMargin: '200px 0px' },
    );
    for (const h of hosts) seen.observe(h);
  } else {
    for (const h of hosts) start(h);
  }
}
