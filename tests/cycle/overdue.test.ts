// Freshness on the site with an injected clock: a monthly dataset that stops changing goes
// fresh -> due -> overdue on its dataset page, its chart's page, the freshness page and the home
// page, while the cycle itself succeeds (late data is the department's delay, not a failure).
import { join } from 'node:path';
import { makeContext } from '../../pipeline/cli/context.ts';
import { runCycle } from '../../pipeline/cycle/run-cycle.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import { tempCatalog, type TempCatalog } from './helpers/catalog.ts';
import { itemText, read, visibleText } from './helpers/site.ts';

const T = new Date('2026-11-28T21:00:00Z');
const DAY = 24 * 3_600_000;
let cat: TempCatalog;

beforeAll(async () => {
  cat = await tempCatalog({ datasets: ['fire-incidents-monthly', 'fire-incidents-seoul-monthly'], charts: ['fire-incidents-monthly'] }, new Date(T.getTime() - 3_600_000));
});
afterAll(async () => {
  await cat?.cleanup();
});

async function cycleAt(at: Date) {
  const ctx = makeContext({ catalog: cat.root, out: cat.out, work: join(cat.dir, 'work') }, { fetch: globalThis.fetch, now: () => at, log: memoryLogger(), env: {} });
  return runCycle(ctx, { target: `dir:${cat.target}` });
}

const status = async (path: string) => {
  const m = /<dd class="status status-(\w+)">([^<]*)<\/dd>/.exec(await read(cat.target, path));
  return m ? `${m[1]}: ${m[2]}` : null;
};

test('fresh, then due a month later, then overdue a week after that', async () => {
  expect((await cycleAt(T)).exitCode).toBe(0);
  expect(await status('en/datasets/fire-incidents-monthly/index.html')).toBe('fresh: Fresh');
  expect(await status('ko/charts/fire-incidents-monthly/index.html')).toBe('fresh: 최신');
  expect(await read(cat.target, 'en/index.html')).not.toContain('home-overdue');

  const due = await cycleAt(new Date(T.getTime() + 32 * DAY));
  expect(due.exitCode).toBe(0);
  expect(due.log!.counts).toMatchObject({ changed: 0, due: 2, overdue: 0 });
  expect(await status('en/datasets/fire-incidents-monthly/index.html')).toBe('due: Due');
  expect(await read(cat.target, 'en/freshness/index.html')).toContain('<tr data-id="fire-incidents-monthly" data-status="due">');

  const late = await cycleAt(new Date(T.getTime() + 45 * DAY));
  expect(late.exitCode).toBe(0);
  expect(late.log!.counts).toMatchObject({ changed: 0, due: 0, overdue: 2 });
  expect(await status('en/datasets/fire-incidents-monthly/index.html')).toBe('overdue: Overdue since 5 January 2027');
  expect(await status('ko/datasets/fire-incidents-monthly/index.html')).toBe('overdue: 2027년 1월 5일부터 기한 초과');
  expect(await status('en/charts/fire-incidents-monthly/index.html')).toBe('overdue: Overdue since 5 January 2027');
  const home = visibleText(await read(cat.target, 'en/index.html'));
  expect(home).toContain('Overdue data 2 datasets are later than their agreed cadence. Show the list Fires by gu and month: Overdue since 5 January 2027 Fires in Seoul by month: Overdue since 5 January 2027');
  // The card says so too, under the number and the month it is for.
  expect(home).toContain('Data as of October 2026 ▲ Up 19 cases (5.7%) compared with October 2025, a year earlier · worse Overdue since 5 January 2027');
  expect(itemText(await read(cat.target, 'en/freshness/index.html'), 'fire-incidents-monthly')).toBe('Fires by gu and month Fire and Disaster HQ Monthly Oct 2026 29 November 2026 29 December 2026 Overdue since 5 January 2027');
  expect(visibleText(await read(cat.target, `en/changes/${late.cycle}/index.html`))).toContain('Fires by gu and month: expected by 29 December 2026, 15 days late (agreed cadence: monthly)');
  // The last change is when the content changed, not when it was last fetched.
  expect(visibleText(await read(cat.target, 'en/datasets/fire-incidents-monthly/index.html'))).toMatch(/Content last changed 29 November 2026/);
});
