// The change log in plain words, feeds and Markdown: exact sentences for known logs.
import { cycleSummary, entryTitle, lateWords } from '../../pipeline/site/cycle-describe.ts';
import { feedId, feedPages } from '../../pipeline/site/feed.ts';
import { freshness } from '../../pipeline/cycle/freshness.ts';
import type { CycleCounts, CycleLog, DatasetLog, RollbackLog } from '../../pipeline/cycle-log.ts';
import { cycleMarkdown, cycleText } from '../../pipeline/site/cycle-text.ts';
import { cycleSections } from '../../pipeline/site/cycle-sections.ts';

const AT = '2026-11-28T21:00:00.000Z';
const counts = (c: Partial<CycleCounts>): CycleCounts => ({ datasets: 5, changed: 0, new: 0, unchanged: 0, removed: 0, failed: 0, stale: 0, due: 0, overdue: 0, chartsFailed: 0, ...c });

function dataset(over: Partial<DatasetLog>): DatasetLog {
  return {
    id: 'cctv-by-gu', title: { ko: '자치구별 CCTV', en: 'CCTV by gu' }, department: { ko: '안전총괄실', en: 'Safety' }, cadence: 'yearly', primaryKey: ['gu'],
    derived: false, change: 'unchanged', fetch: { outcome: 'not-due' }, validation: null, failed: null, stale: null, rows: { before: 25, after: 25 }, diff: null,
    freshness: freshness({ every: 'yearly', changedAt: AT }, new Date(AT)), changedAt: AT, lastModified: null, columnTitles: { total: { ko: 'CCTV 합계', en: 'CCTV cameras' }, gu: { ko: '자치구', en: 'Gu' } },
    ...over,
  };
}

function log(c: Partial<CycleCounts>, datasets: DatasetLog[] = [], previous: string | null = '2026-11-27T2100Z'): CycleLog {
  return { kind: 'cycle', version: 1, id: '2026-11-28T2100Z', at: AT, previous, counts: counts(c), datasets, indicators: [], charts: [], problems: [] };
}

test('the one-line summary in both languages, singular and plural, leading with the dataset noun', () => {
  expect(cycleSummary(log({ changed: 3, overdue: 1 }), 'ko')).toBe('데이터셋 3개 변경, 1개 지연');
  expect(cycleSummary(log({ changed: 3, overdue: 1 }), 'en')).toBe('3 datasets changed, 1 overdue');
  expect(cycleSummary(log({ failed: 1 }), 'en')).toBe('1 dataset failed');
  expect(cycleSummary(log({ new: 2, removed: 1 }), 'en')).toBe('2 new datasets, 1 removed');
  expect(cycleSummary(log({ new: 1 }), 'ko')).toBe('데이터셋 1개 추가');
  expect(cycleSummary(log({}), 'ko')).toBe('변경 없음');
  expect(cycleSummary(log({ chartsFailed: 1 }), 'en')).toBe('1 chart broken');
  expect(cycleSummary(log({ datasets: 27, new: 27, failed: 2 }, [], null), 'en')).toBe('first publish: 27 datasets, 2 failed');
  expect(entryTitle(log({ changed: 1 }), 'ko')).toBe('2026-11-29 06:00 업데이트: 데이터셋 1개 변경');
});

test('a rollback recorded by the publish stage reads as one', () => {
  const rb: RollbackLog = { kind: 'rollback', id: '2026-11-29T081500Z-rollback', to: '2026-11-27T2100Z', from: '2026-11-28T2100Z', at: '2026-11-29T08:15:00.000Z' };
  expect(entryTitle(rb, 'en')).toBe('2026-11-29 17:15 rollback to the 2026-11-27T2100Z update');
  expect(cycleText(rb)).toBe('2026-11-29 17:15 rollback to the 2026-11-27T2100Z update\n');
});

test('how late, in words', () => {
  expect(lateWords(30 * 60_000, 'en')).toBe('30 minutes');
  expect(lateWords(30 * 3_600_000, 'ko')).toBe('30시간');
  expect(lateWords(5 * 24 * 3_600_000, 'en')).toBe('5 days');
});

test('each dataset appears once, under the most important thing that happened to it', () => {
  const failed = dataset({ id: 'a', failed: { stage: 'fetch', reason: 'HTTP 500 from https://example.kr/x' }, stale: { since: AT, reason: 'fetch failed: HTTP 500' } });
  const changed = dataset({ id: 'b', change: 'changed', rows: { before: 25, after: 26 }, diff: { added: 1, removed: 0, revised: 2, revisedByColumn: { total: 2 }, columns: { added: [], removed: [], retyped: [] }, sample: { added: [], removed: [], revised: [{ key: { gu: '종로구' }, changes: [{ column: 'total', before: 1869, after: 1900 }] }] }, warnings: [] } });
  const overdue = dataset({ id: 'c', cadence: 'daily', freshness: freshness({ every: 'daily', changedAt: '2026-11-20T21:00:00.000Z' }, new Date(AT)) });
  const sections = cycleSections(log({ failed: 1, changed: 1, overdue: 1 }, [failed, changed, overdue, dataset({ id: 'd' })]), 'en', { dataset: (id) => `/en/datasets/${id}/`, chart: () => null });
  expect(sections.map((s) => [s.key, s.items.map((i) => i.id)])).toEqual([['failed', ['a']], ['changed', ['b']], ['overdue', ['c']], ['unchanged', ['d']]]);
  expect(sections[0]!.items[0]!.text).toBe('could not be updated at the fetch step: HTTP 500 from https://example.kr/x. Showing the last validated data since 29 November 2026.');
  expect(sections[1]!.items[0]).toMatchObject({ text: '1 row added, 2 revised (CCTV cameras); 25 → 26 rows', examples: ['종로구: CCTV cameras 1,869 → 1,900'], href: '/en/datasets/b/' });
  expect(sections[2]!.items[0]!.text).toBe('expected by 22 November 2026, 7 days late (agreed cadence: daily)');
  expect(sections[3]!.items[0]!.text).toBe('unchanged (last changed 29 November 2026)');
});

test('Markdown for CI keeps table rows intact whatever the data says', () => {
  const tricky = dataset({ id: 'x', failed: { stage: 'validate', reason: 'bad | pipe\nand newline <b>' } });
  const md = cycleMarkdown(log({ failed: 1 }, [tricky]));
  expect(md).toContain('| x | not due | failed (validate) | 25 | fresh |');
  expect(md).toContain('could not be updated at the validation step: bad | pipe and newline \\<b\\>');
  expect(md.split('\n').filter((l) => l.startsWith('|')).every((l) => l.split(/(?<!\\)\|/).length === 7)).toBe(true);
});

test('feed and entry ids are stable name-based UUIDs, links absolute only with a baseUrl', () => {
  expect(feedId('changes ko x')).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(feedId('changes ko x')).toBe(feedId('changes ko x'));
  expect(feedId('changes ko x')).not.toBe(feedId('changes en x'));
  const cycles = [{ id: '2026-11-28T2100Z', at: AT, title: { ko: '제목', en: 'Title' }, summary: { ko: '요약', en: 'Summary' }, path: { ko: '/ko/changes/2026-11-28T2100Z/', en: '/en/changes/2026-11-28T2100Z/' } }];
  const [ko, en] = feedPages(cycles, { baseUrl: 'https://data.seoul.go.kr/dash', siteTitle: { ko: '대시보드', en: 'Dashboard' }, feedId });
  expect(ko).toMatchObject({ url: '/ko/changes.xml', selfHref: 'https://data.seoul.go.kr/dash/ko/changes.xml', title: '대시보드 · 변경 기록', updated: AT });
  expect(en!.entries[0]).toMatchObject({ href: 'https://data.seoul.go.kr/dash/en/changes/2026-11-28T2100Z/', title: 'Title', summary: 'Summary', updated: AT });
  const [empty] = feedPages([], { baseUrl: null, siteTitle: { ko: '대시보드', en: 'Dashboard' }, feedId });
  expect(empty).toMatchObject({ selfHref: 'changes.xml', updated: '1970-01-01T00:00:00.000Z', entries: [] });
});

test('rows the source sent but validation rejected are mentioned with the change', () => {
  const d = dataset({ id: 'b', change: 'new', rows: { before: null, after: 24 }, validation: { status: 'ok', rowsRead: 25, valid: 24, rejected: 1, duplicates: 0, districtsUnmatched: 3 } });
  const [s] = cycleSections(log({ new: 1 }, [d]), 'en', { dataset: () => null, chart: () => null });
  expect(s!.items[0]!.text).toBe('first published, 24 rows; 1 row rejected by validation');
});
