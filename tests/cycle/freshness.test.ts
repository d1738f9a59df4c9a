// Freshness with an injected clock: fresh -> due -> overdue without waiting, and the rule that
// re-fetching unchanged data never makes old content fresh.
import { addPeriod, changedAtFor, freshness, lastChangeOf } from '../../pipeline/cycle/freshness.ts';
import { combineFreshness, statusText } from '../../pipeline/site/cycle-model.ts';

const H = 3_600_000;
const T = new Date('2026-11-28T21:00:00Z');
const at = (ms: number) => new Date(T.getTime() + ms);

test('a daily dataset is fresh for a day, then due, then overdue a quarter-day later', () => {
  const input = { every: 'daily' as const, changedAt: T.toISOString() };
  expect(freshness(input, at(23 * H))).toMatchObject({ status: 'fresh', nextDue: at(24 * H).toISOString(), lateByMs: null });
  expect(freshness(input, at(24 * H))).toMatchObject({ status: 'due', lateByMs: 0 });
  expect(freshness(input, at(30 * H - 1))).toMatchObject({ status: 'due' });
  expect(freshness(input, at(30 * H))).toMatchObject({ status: 'overdue', overdueSince: at(30 * H).toISOString(), lateByMs: 6 * H });
  expect(freshness(input, at(24 * 4 * H)).lateByMs).toBe(72 * H);
});

test('hourly and weekly cadences have fixed lengths', () => {
  expect(freshness({ every: 'hourly', changedAt: T.toISOString() }, at(H + 15 * 60_000))).toMatchObject({ status: 'overdue', overdueSince: at(1.25 * H).toISOString() });
  expect(freshness({ every: 'weekly', changedAt: T.toISOString() }, at(7 * 24 * H + H))).toMatchObject({ status: 'due', nextDue: at(7 * 24 * H).toISOString() });
});

test('months are calendar months in Seoul time', () => {
  // 31 January 00:00 in Seoul is 30 January 15:00 UTC; one month later is the end of February.
  const jan31 = new Date('2026-01-30T15:00:00Z');
  expect(addPeriod(jan31, 'monthly').toISOString()).toBe('2026-02-27T15:00:00.000Z');
  expect(addPeriod(new Date('2027-11-30T15:00:00Z'), 'quarterly').toISOString()).toBe('2028-02-29T15:00:00.000Z');
  expect(addPeriod(new Date('2026-03-01T00:00:00Z'), 'yearly').toISOString()).toBe('2027-03-01T00:00:00.000Z');
  const monthly = { every: 'monthly' as const, changedAt: jan31.toISOString() };
  expect(freshness(monthly, new Date('2026-02-27T14:59:59Z')).status).toBe('fresh');
  expect(freshness(monthly, new Date('2026-02-27T15:00:00Z')).status).toBe('due');
  // Grace is a quarter of that month (28 days): 7 days.
  expect(freshness(monthly, new Date('2026-03-06T15:00:00Z')).status).toBe('overdue');
});

test('the source\'s older Last-Modified decides; a newer one (a touched file) does not refresh anything', () => {
  const tenDaysAgo = at(-10 * 24 * H);
  // New to us today, but the source says it last changed ten days ago: overdue at once.
  const old = freshness({ every: 'daily', changedAt: T.toISOString(), lastModified: tenDaysAgo.toUTCString() }, T);
  expect(old).toMatchObject({ status: 'overdue', lastChange: tenDaysAgo.toISOString() });
  // Content unchanged since T; the source re-saved the file an hour ago.
  expect(lastChangeOf({ changedAt: T.toISOString(), lastModified: at(47 * H).toUTCString() })!.toISOString()).toBe(T.toISOString());
  expect(freshness({ every: 'daily', changedAt: T.toISOString(), lastModified: at(47 * H).toUTCString() }, at(48 * H)).status).toBe('overdue');
  // An unreadable Last-Modified is ignored rather than guessed at.
  expect(lastChangeOf({ changedAt: T.toISOString(), lastModified: 'yesterday-ish' })!.toISOString()).toBe(T.toISOString());
});

test('re-fetching identical content keeps when it changed, so a re-fetch never makes it fresh', () => {
  const published = { meta: { hash: 'aaa' }, changedAt: T.toISOString() };
  const twoDaysLater = at(48 * H);
  const changedAt = changedAtFor('aaa', twoDaysLater, [published]);
  expect(changedAt).toBe(T.toISOString());
  expect(freshness({ every: 'daily', changedAt }, twoDaysLater).status).toBe('overdue');
  // New content counts from now.
  expect(changedAtFor('bbb', twoDaysLater, [published, null, undefined])).toBe(twoDaysLater.toISOString());
});

test('no data at all is failed; a chart is as fresh as its least fresh dataset', () => {
  expect(freshness({ every: 'daily', changedAt: null }, T)).toMatchObject({ status: 'failed', lastChange: null, nextDue: null });
  const fresh = freshness({ every: 'daily', changedAt: T.toISOString() }, at(H));
  const due = freshness({ every: 'daily', changedAt: at(-25 * H).toISOString() }, at(H));
  expect(combineFreshness([fresh, due])).toEqual({ status: 'due', lastChange: T.toISOString() });
  expect(combineFreshness([])).toEqual({ status: 'failed', lastChange: null });
});

test('the status in words, with the date it became overdue (stable from cycle to cycle)', () => {
  const f = freshness({ every: 'daily', changedAt: T.toISOString() }, at(100 * H));
  expect(statusText(f, 'ko')).toBe('2026년 11월 30일부터 기한 초과');
  expect(statusText(f, 'en')).toBe('Overdue since 30 November 2026');
  expect(statusText(freshness({ every: 'daily', changedAt: T.toISOString() }, at(200 * H)), 'en')).toBe('Overdue since 30 November 2026');
  expect(statusText(freshness({ every: 'daily', changedAt: T.toISOString() }, at(H)), 'ko')).toBe('최신');
});

// The data rule: the newest period inside the data must be as recent as the cadence allows.
const day = (start: string) => ({ grain: 'day' as const, first: { grain: 'day' as const, start: '2026-09-01' }, latest: { grain: 'day' as const, start }, basis: 'column' as const });
const month = (start: string) => ({ grain: 'month' as const, first: { grain: 'month' as const, start: '2025-11-01' }, latest: { grain: 'month' as const, start }, basis: 'column' as const });

test('a daily series whose last day is a week old is overdue, though its file changed yesterday', () => {
  const now = new Date('2026-12-04T17:00:00Z'); // 5 December, 02:00 in Seoul
  const yesterday = new Date('2026-12-03T21:00:00Z').toISOString();
  const f = freshness({ every: 'daily', changedAt: yesterday, data: { period: day('2026-11-27'), lag: 'P1D' } }, now);
  // 28 November's data was expected by its end (29 Nov 00:00 KST) plus a day: 30 Nov 00:00 KST.
  expect(f).toMatchObject({ status: 'overdue', basis: 'data', dataDue: '2026-11-29T15:00:00.000Z', nextDue: '2026-11-29T15:00:00.000Z', period: { grain: 'day', latest: '2026-11-27', basis: 'column' } });
  // A quarter of a day later it is overdue.
  expect(f.overdueSince).toBe('2026-11-29T21:00:00.000Z');
  expect(statusText(f, 'en')).toBe('Overdue since 30 November 2026 (no data after 27 November 2026)');
  expect(statusText(f, 'ko')).toBe('2026년 11월 30일부터 기한 초과 (2026년 11월 27일 이후 자료가 없음)');
  // With yesterday's day in it, the same file is fresh: the content rule decides again.
  const current = freshness({ every: 'daily', changedAt: yesterday, data: { period: day('2026-12-03'), lag: 'P1D' } }, now);
  expect(current).toMatchObject({ status: 'fresh', basis: 'content' });
});

test('monthly figures published a month after the month ends are not late before then', () => {
  const lastChange = new Date('2026-11-20T00:00:00Z').toISOString();
  const data = { period: month('2026-10-01'), lag: 'P1M' };
  // November's figures are expected by the end of November plus a month: 1 January (Seoul).
  expect(freshness({ every: 'monthly', changedAt: lastChange, data }, new Date('2026-12-04T17:00:00Z'))).toMatchObject({ status: 'fresh', dataDue: '2026-12-31T15:00:00.000Z' });
  // Without the lag the same data is due on 1 December.
  expect(freshness({ every: 'monthly', changedAt: lastChange, data: { period: month('2026-10-01') } }, new Date('2026-12-04T17:00:00Z'))).toMatchObject({ status: 'due', basis: 'data', dataDue: '2026-11-30T15:00:00.000Z' });
  // Content that changed on 2 December is next expected on 2 January; the data decides first, and
  // the grace is a quarter of the month after 1 January (31 days): overdue from 8 January, 18:00.
  const late = freshness({ every: 'monthly', changedAt: '2026-12-02T00:00:00Z', data }, new Date('2027-01-10T00:00:00Z'));
  expect(late).toMatchObject({ status: 'overdue', basis: 'data', overdueSince: '2027-01-08T09:00:00.000Z' });
  // The content rule still holds: nothing changed since 20 November, so December's update is late.
  expect(freshness({ every: 'monthly', changedAt: lastChange, data }, new Date('2026-12-24T00:00:00Z'))).toMatchObject({ status: 'due', basis: 'content' });
});

test('a cadence coarser than the grain gives the department until one cadence after the newest period', () => {
  // Monthly figures released once a year: December 2025's release is not due before 2027.
  const data = { period: month('2025-12-01'), lag: 'P2M' };
  const f = freshness({ every: 'yearly', changedAt: '2026-03-01T00:00:00Z', data }, new Date('2026-12-04T17:00:00Z'));
  expect(f).toMatchObject({ status: 'fresh', dataDue: '2027-02-28T15:00:00.000Z' });
});

test('a period read from the fetch time, or a dataset without time, leaves the content rule alone', () => {
  const changedAt = T.toISOString();
  const fetched = { grain: 'day' as const, first: { grain: 'day' as const, start: '2026-11-29' }, latest: { grain: 'day' as const, start: '2026-11-29' }, basis: 'fetched' as const };
  expect(freshness({ every: 'hourly', changedAt, data: { period: fetched } }, at(H / 2))).toMatchObject({ status: 'fresh', basis: 'content', dataDue: null });
  expect(freshness({ every: 'daily', changedAt }, at(H))).toMatchObject({ status: 'fresh', basis: 'content', period: null });
});
