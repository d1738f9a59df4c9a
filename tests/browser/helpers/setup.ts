// What a browser test file starts with: the shared site build (site-cache.ts), served by the
// real `citydash serve` server on a free port, and one Chromium.
import type { Browser } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../../pipeline/site/static-server.ts';
import { launchChromium } from './browser.ts';
import { sharedSite } from './site-cache.ts';

export interface SiteUnderTest {
  root: string;
  server: StaticServer;
  browser: Browser;
  url(path: string): string;
  close(): Promise<void>;
}

export async function openSite(root?: string): Promise<SiteUnderTest> {
  const site = root ?? (await sharedSite());
  const server = await startStaticServer({ root: site, port: 0 });
  const browser = await launchChromium();
  return {
    root: site,
    server,
    browser,
    url: (path) => new URL(path.replace(/^\//, ''), server.url).href,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The page types of the site, per language (paths under /<lang>/). */
export const PAGE_TYPES = {
  home: '',
  chart: 'charts/fine-dust-daily-trend/',
  dataset: 'datasets/air-quality-daily/',
  catalog: 'catalog/',
  changes: 'changes/',
  freshness: 'freshness/',
  about: 'about/',
  search: 'search/',
  feedback: 'feedback/',
  feedbackLog: 'feedback/log/',
} as const;
