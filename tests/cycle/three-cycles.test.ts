// Three cycles against a dir: target with a copy of the bundled catalog (issue 4, "Done when"):
// (1) first publish; (2) one dataset changed (rows added, one revised, a column added) while
// another's source breaks; (3) the broken source recovers. The cycle files, change-log pages,
// feeds and freshness page must say exactly that, and the failed dataset's pages never vanish.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parseDocument } from 'yaml';
import { makeContext } from '../../pipeline/cli/context.ts';
import { runDiffCommand } from '../../pipeline/cli/commands/diff.ts';
import type { CycleLog } from '../../pipeline/cycle-log.ts';
import { runCycle, type CycleResult } from '../../pipeline/cycle/run-cycle.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import type { Effects } from '../../pipeline/types.ts';
import { editFile, setMtime, tempCatalog, type TempCatalog } from './helpers/catalog.ts';
import { exists, itemText, parseAtom, read, visibleText } from './helpers/site.ts';

const T1 = new Date('2026-11-28T21:00:00Z');
const T2 = new Date('2026-11-29T21:00:00Z');
const T3 = new Date('2026-11-30T21:00:00Z');
const hourBefore = (t: Date) => new Date(t.getTime() - 3_600_000);

let cat: TempCatalog;
let summaryFile: string;
let now = T1;
const results: CycleResult[] = [];
const logs: CycleLog[] = [];
/** Pages whose content must not change from cycle to cycle here: bytes after each cycle. */
const STABLE = ['ko/datasets/cctv-by-gu/index.html', 'en/datasets/cctv-by-gu/index.html', 'en/changes/2026-11-28T2100Z/index.html', 'ko/changes/2026-11-28T2100Z/index.html', 'en/about/index.html', 'ko/about/index.html'];
const pageBytes: Array<Record<string, string>> = [];
let originalFireCsv = '';

function effects(): Effects {
  return { fetch: globalThis.fetch, now: () => now, log: memoryLogger(), env: { GITHUB_STEP_SUMMARY: summaryFile } };
}

async function cycle(at: Date): Promise<CycleResult> {
  now = at;
  const ctx = makeContext({ catalog: cat.root, out: cat.out, work: cat.work }, effects());
  const r = await runCycle(ctx, { target: `dir:${cat.target}` });
  results.push(r);
  logs.push(JSON.parse(await read(cat.target, `_citydash/cycles/${r.cycle}.json`)) as CycleLog);
  pageBytes.push(Object.fromEntries(await Promise.all(STABLE.map(async (p) => [p, await read(cat.target, p)] as const))));
  return r;
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  return `line ${i + 1}: ${JSON.stringify(x[i])} -> ${JSON.stringify(y[i])}`;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else out.push(p.slice(base.length + 1));
  }
  return out;
}

const dsLog = (log: CycleLog, id: string) => log.datasets.find((d) => d.id === id)!;
const airSample = () => join(cat.root, 'sources/climate-environment/samples/air-quality-daily.json');
const fireCsv = () => join(cat.root, 'sources/fire-disaster/samples/fire-incidents-monthly.csv');

beforeAll(async () => {
  cat = await tempCatalog(undefined, hourBefore(T1));
  summaryFile = join(await mkdtemp(join(tmpdir(), 'citydash-summary-')), 'summary.md');
  originalFireCsv = await readFile(fireCsv(), 'utf8');
});

afterAll(async () => {
  await cat?.cleanup();
  if (summaryFile) await rm(join(summaryFile, '..'), { recursive: true, force: true });
});

test('cycle 1: first publish', async () => {
  const r = await cycle(T1);
  expect(r.error).toBeNull();
  expect(r).toMatchObject({ cycle: '2026-11-28T2100Z', previous: null, exitCode: 0, published: true });
  const log = logs[0]!;
  expect(log).toMatchObject({ kind: 'cycle', id: '2026-11-28T2100Z', previous: null });
  // The CCTV counts are as of the end of 2016 (their time.asOf): overdue whatever the file's date.
  expect(log.counts).toMatchObject({ datasets: 5, new: 5, changed: 0, failed: 0, stale: 0, overdue: 1 });
  for (const d of log.datasets) expect([d.id, d.freshness.status]).toEqual([d.id, d.id === 'cctv-by-gu' ? 'overdue' : 'fresh']);
  expect(dsLog(log, 'cctv-by-gu').freshness).toMatchObject({ basis: 'data', period: { grain: 'year', latest: '2016', basis: 'declared' } });
  // The daily series ends on 27 November: 28 November's data is expected by the 30th (a day's lag).
  expect(dsLog(log, 'air-quality-daily').freshness).toMatchObject({ status: 'fresh', basis: 'data', dataDue: '2026-11-29T15:00:00.000Z', period: { grain: 'day', latest: '2026-11-27', basis: 'column' } });

  const ko = await read(cat.target, 'ko/changes/2026-11-28T2100Z/index.html');
  expect(ko).toContain('<h1>2026-11-29 06:00 업데이트: 첫 게시: 데이터셋 5개, 1개 지연</h1>');
  expect(itemText(ko, 'air-quality-daily')).toBe('일별 대기오염도: 처음 게시, 2,552행');
  const en = await read(cat.target, 'en/changes/index.html');
  expect(visibleText(en)).toContain('2026-11-29 06:00 update: first publish: 5 datasets, 1 overdue');

  const feed = parseAtom(await read(cat.target, 'en/changes.xml'));
  expect(feed.entries).toHaveLength(1);
  expect(feed.entries[0]).toMatchObject({ title: '2026-11-29 06:00 update: first publish: 5 datasets, 1 overdue', updated: T1.toISOString(), link: 'changes/2026-11-28T2100Z/' });
  expect(feed.links).toContainEqual({ rel: 'self', href: 'changes.xml' });

  const fresh = await read(cat.target, 'en/freshness/index.html');
  for (const id of ['air-quality-daily', 'air-quality-daily-seoul', 'fire-incidents-monthly', 'fire-incidents-seoul-monthly']) {
    expect(fresh).toContain(`<tr data-id="${id}" data-status="fresh">`);
  }
  expect(fresh).toContain('<tr data-id="cctv-by-gu" data-status="overdue">');
  expect(itemText(fresh, 'air-quality-daily')).toBe('Daily air pollution Climate and Environment HQ Daily 27 Nov 2026 29 November 2026 30 November 2026 Fresh');
  expect(itemText(fresh, 'cctv-by-gu')).toBe('CCTV cameras by gu Safety Management Office Yearly 2016 29 November 2026 1 April 2018 Overdue since 1 July 2018 (no data after 2016)');
});

test('cycle 2: one dataset changes (rows added, one revised, a column added), another source breaks', async () => {
  // The department adds PM1 to every row, three stations report for 28 Nov, and 종로구's 27 Nov
  // PM2.5 is corrected.
  const changed = hourBefore(T2);
  await editFile(airSample(), (text) => {
    let t = text.replace(/("MSRDT_DE":"20261127","MSRSTE_NM":"종로구",[^\n]*"PM25":)\d+/, '$199');
    const extra = [['종로구', 20], ['중구', 30], ['용산구', 40]].map(([st, pm]) => `{"MSRDT_DE":"20261128","MSRSTE_NM":"${st}","NO2":0.02,"O3":0.02,"CO":0.4,"SO2":0.003,"PM10":50,"PM25":${pm}}`);
    t = t.replace(/\n\]\}\}\s*$/, `,\n${extra.join(',\n')}\n]}}\n`);
    return t.replace(/"PM25":/g, '"PM1":5,"PM25":');
  }, changed);
  await editFile(join(cat.root, cat.descriptor('air-quality-daily')), (text) => {
    const doc = parseDocument(text);
    doc.setIn(['columns', 'pm1'], { from: ['PM1'], type: 'number', unit: '㎍/㎥', title: { ko: '극초미세먼지(PM1)', en: 'PM1' }, higherIsBetter: false });
    return doc.toString();
  }, changed);
  await editFile(join(cat.root, 'schemas/air-quality-daily.schema.json'), (text) => {
    const schema = JSON.parse(text) as { properties: Record<string, unknown> };
    schema.properties.pm1 = { title: 'PM1', type: ['number', 'null'], minimum: 0 };
    return JSON.stringify(schema, null, 2);
  }, changed);
  // The fire statistics file arrives with a renamed header: no column for `fires` any more.
  await editFile(fireCsv(), (text) => text.replace('화재건수', '화재_건수'), changed);

  const r = await cycle(T2);
  expect(r).toMatchObject({ cycle: '2026-11-29T2100Z', previous: '2026-11-28T2100Z', exitCode: 2, published: true });
  const log = logs[1]!;
  expect(log.counts).toMatchObject({ changed: 2, new: 0, failed: 1, stale: 2, unchanged: 3 });

  const air = dsLog(log, 'air-quality-daily');
  expect(air).toMatchObject({ change: 'changed', failed: null, stale: null, rows: { before: 2552, after: 2555 } });
  expect(air.fetch?.outcome).toBe('sample');
  expect(air.diff).toMatchObject({ added: 3, removed: 0, revised: 1, revisedByColumn: { pm25: 1 }, columns: { added: ['pm1'], removed: [], retyped: [] } });
  expect(air.diff!.sample.revised).toEqual([{ key: { date: '2026-11-27', station: '종로구' }, changes: [{ column: 'pm25', before: expect.any(Number), after: 99 }] }]);
  expect(air.diff!.sample.added.map((r) => r.station)).toEqual(expect.arrayContaining(['종로구', '중구', '용산구']));
  expect(dsLog(log, 'air-quality-daily-seoul')).toMatchObject({ change: 'changed', diff: { added: 1, revised: 1 } });

  const fire = dsLog(log, 'fire-incidents-monthly');
  expect(fire).toMatchObject({ change: 'unchanged', failed: { stage: 'validate' }, stale: { since: T2.toISOString() }, rows: { before: 550, after: 550 } });
  expect(fire.failed!.reason).toMatch(/fires|화재건수/);
  expect(dsLog(log, 'fire-incidents-seoul-monthly')).toMatchObject({ change: 'unchanged', failed: null, stale: { since: T2.toISOString() } });
  expect(dsLog(log, 'cctv-by-gu')).toMatchObject({ change: 'unchanged', failed: null, stale: null, lastModified: hourBefore(T1).toUTCString() });

  const ind = log.indicators.find((i) => i.chart === 'fine-dust-daily-trend')!;
  expect(ind.before?.time).toBe('2026-11-27');
  expect(ind.after).toEqual({ time: '2026-11-28', value: 30 });

  const ko = await read(cat.target, 'ko/changes/2026-11-29T2100Z/index.html');
  expect(ko).toContain('<h1>2026-11-30 06:00 업데이트: 데이터셋 2개 변경, 1개 갱신 실패, 1개 지연</h1>');
  expect(itemText(ko, 'air-quality-daily')).toMatch(/^일별 대기오염도: 행 3개 추가, 1개 수정\(초미세먼지\(PM2\.5\)\); 열 1개 추가\(극초미세먼지\(PM1\)\); 2,552행 → 2,555행 바뀐 값 예시 2026-11-27 · 종로구: 초미세먼지\(PM2\.5\) \d+ → 99$/);
  expect(itemText(ko, 'fire-incidents-monthly')).toContain('검증 단계에서 갱신하지 못했습니다');
  expect(itemText(ko, 'fire-incidents-monthly')).toContain('2026년 11월 30일부터 마지막으로 검증된 데이터를 보여 줍니다.');
  // Unchanged, and as late as ever: the 2017 counts were expected by April 2018 (a three-month lag).
  expect(itemText(ko, 'cctv-by-gu')).toBe('자치구별 CCTV 설치 현황: 2018년 4월 1일까지 갱신될 예정이었으나 3,165일 늦어지고 있습니다 (갱신 주기: 매년); 2016년 이후 자료가 없음');
  const en = await read(cat.target, 'en/changes/2026-11-29T2100Z/index.html');
  expect(en).toContain('<h1>2026-11-30 06:00 update: 2 datasets changed, 1 failed, 1 overdue</h1>');
  expect(visibleText(en)).toContain('Daily particulate matter in Seoul');

  const feed = parseAtom(await read(cat.target, 'ko/changes.xml'));
  expect(feed.entries.map((e) => e.title)).toEqual(['2026-11-30 06:00 업데이트: 데이터셋 2개 변경, 1개 갱신 실패, 1개 지연', '2026-11-29 06:00 업데이트: 첫 게시: 데이터셋 5개, 1개 지연']);
  expect(feed.updated).toBe(T2.toISOString());

  const fresh = await read(cat.target, 'ko/freshness/index.html');
  expect(itemText(fresh, 'fire-incidents-monthly')).toContain('2026년 11월 30일 이후 지연');
  expect(itemText(fresh, 'fire-incidents-seoul-monthly')).toContain('2026년 11월 30일 이후 지연');

  // The failed dataset's pages stay, with the notice.
  for (const lang of ['ko', 'en']) {
    expect(await exists(cat.target, `${lang}/datasets/fire-incidents-monthly/index.html`)).toBe(true);
    expect(await exists(cat.target, `${lang}/charts/fire-incidents-monthly/index.html`)).toBe(true);
  }
  expect(visibleText(await read(cat.target, 'en/datasets/fire-incidents-monthly/index.html'))).toContain('Delayed since 30 November 2026');
  expect(visibleText(await read(cat.target, 'en/charts/fire-incidents-monthly/index.html'))).toContain('delayed since 30 November 2026');
});

test('cycle 3: the broken source recovers', async () => {
  await editFile(fireCsv(), () => originalFireCsv, hourBefore(T3));
  const r = await cycle(T3);
  expect(r).toMatchObject({ cycle: '2026-11-30T2100Z', previous: '2026-11-29T2100Z', exitCode: 0, published: true });
  const log = logs[2]!;
  expect(log.counts).toMatchObject({ changed: 0, failed: 0, stale: 0 });
  expect(dsLog(log, 'fire-incidents-monthly')).toMatchObject({ change: 'unchanged', failed: null, stale: null });
  expect(dsLog(log, 'fire-incidents-seoul-monthly')).toMatchObject({ change: 'unchanged', failed: null, stale: null });
  // The content changed a day ago, which alone would only make the daily datasets due; but their
  // newest day is still 28 November, so 29 November's data was expected by 1 December 00:00 and
  // six hours later (a quarter of a day) they are overdue, and their derived dataset with them.
  expect(dsLog(log, 'air-quality-daily').freshness).toMatchObject({ status: 'overdue', basis: 'data', lastChange: hourBefore(T2).toISOString(), period: { latest: '2026-11-28' } });
  expect(dsLog(log, 'air-quality-daily-seoul').freshness).toMatchObject({ status: 'overdue' });

  const en = await read(cat.target, 'en/changes/2026-11-30T2100Z/index.html');
  expect(en).toContain('<h1>2026-12-01 06:00 update: 3 datasets overdue</h1>');
  expect(itemText(en, 'air-quality-daily')).toBe('Daily air pollution: expected by 1 December 2026, 6 hours late (agreed cadence: daily); no data after 28 November 2026');
  for (const lang of ['ko', 'en']) {
    const page = await read(cat.target, `${lang}/datasets/fire-incidents-monthly/index.html`);
    expect(page).not.toContain('banner-stale');
  }
  const feed = parseAtom(await read(cat.target, 'en/changes.xml'));
  expect(feed.entries.map((e) => e.link)).toEqual(['changes/2026-11-30T2100Z/', 'changes/2026-11-29T2100Z/', 'changes/2026-11-28T2100Z/']);
  expect(new Set(feed.entries.map((e) => e.id)).size).toBe(3);
  const fresh = await read(cat.target, 'en/freshness/index.html');
  expect(fresh).toContain('<tr data-id="air-quality-daily" data-status="overdue">');
  expect(itemText(fresh, 'fire-incidents-monthly')).not.toContain('Delayed');
});

test('pages whose content did not change are byte-identical from cycle to cycle (no cycle id or build time on them)', () => {
  expect(pageBytes).toHaveLength(3);
  const changed = STABLE.flatMap((p) => [1, 2].filter((i) => pageBytes[i]![p] !== pageBytes[0]![p]).map((i) => `${p} (cycle ${i + 1}): ${firstDifference(pageBytes[0]![p]!, pageBytes[i]![p]!)}`));
  expect(changed).toEqual([]);
});

test('the cycle id appears only on change-log pages and feeds', async () => {
  const id = results.at(-1)!.cycle;
  const pages = (await listFiles(cat.target)).filter((p) => p.endsWith('.html') && !/^(ko|en)\/changes\//.test(p));
  expect(pages.length).toBeGreaterThan(10);
  const naming: string[] = [];
  for (const p of pages) if ((await read(cat.target, p)).includes(id)) naming.push(p);
  expect(naming).toEqual([]);
});

test('every internal link on every published page resolves (change-log pages, freshness, footer)', async () => {
  const all = await listFiles(cat.target);
  const present = new Set(all);
  const broken: string[] = [];
  for (const page of all.filter((f) => f.endsWith('.html') && !f.startsWith('_citydash/'))) {
    const html = await read(cat.target, page);
    for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const raw = m[1]!.replace(/&amp;/g, '&');
      if (/^(?:[a-z]+:|\/\/|#)/i.test(raw)) continue;
      const path = posix.normalize(posix.join(posix.dirname(page), raw.split(/[?#]/)[0]!));
      const file = path.endsWith('/') || raw.endsWith('/') ? posix.join(path, 'index.html') : path;
      if (!present.has(file)) broken.push(`${page}: ${raw}`);
    }
  }
  expect(broken).toEqual([]);
});

test('every cycle appended its change log to $GITHUB_STEP_SUMMARY', async () => {
  const md = await readFile(summaryFile, 'utf8');
  expect(md.match(/^## .*$/gm)).toEqual([
    '## 2026-11-29 06:00 update: first publish: 5 datasets, 1 overdue',
    '## 2026-11-30 06:00 update: 2 datasets changed, 1 failed, 1 overdue',
    '## 2026-12-01 06:00 update: 3 datasets overdue',
  ]);
  expect(md).toContain('| air-quality-daily | sample | +3 −0 ~1; 1 column | 2,552 → 2,555 | fresh |');
});

test('citydash diff prints the change log between published cycles', async () => {
  let out = '';
  const io = { effects: effects(), stdout: (t: string) => { out += t; } };
  const base = { catalog: cat.root, out: cat.out, work: cat.work, target: `dir:${cat.target}` };
  expect(await runDiffCommand(base, io)).toBe(0);
  expect(out.split('\n')[0]).toBe('2026-12-01 06:00 update: 3 datasets overdue');

  out = '';
  expect(await runDiffCommand({ ...base, from: '2026-11-28T2100Z', to: '2026-11-30T2100Z', json: true }, io)).toBe(0);
  const range = JSON.parse(out) as CycleLog & { between: Array<{ id: string }>; stored: boolean };
  expect(range).toMatchObject({ stored: false, previous: '2026-11-28T2100Z', id: '2026-11-30T2100Z' });
  expect(range.between.map((b) => b.id)).toEqual(['2026-11-29T2100Z', '2026-11-30T2100Z']);
  expect(dsLog(range, 'air-quality-daily')).toMatchObject({ change: 'changed', diff: { added: 3, revised: 1, columns: { added: ['pm1'] } } });
  expect(dsLog(range, 'fire-incidents-monthly').change).toBe('unchanged');

  out = '';
  expect(await runDiffCommand({ ...base, to: '2026-11-29T2100Z', format: 'markdown' }, io)).toBe(0);
  expect(out).toContain('## 2026-11-30 06:00 update: 2 datasets changed, 1 failed');
});
