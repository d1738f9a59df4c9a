// Periods of the data (pipeline/period.ts): what a cell value says about the day, month, quarter
// or year it describes, Seoul calendar arithmetic, ISO 8601 lags, and scanning a rows file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDuration, dataPeriodOf, parseDuration, periodEnd, periodKey, periodOf, scanPeriods, shiftPeriod, yearBefore } from '../../pipeline/period.ts';

test('cell values are read as the period of the grain that contains them', () => {
  expect(periodOf('2026-11-27', 'day')).toEqual({ grain: 'day', start: '2026-11-27' });
  expect(periodOf('20261127', 'month')).toEqual({ grain: 'month', start: '2026-11-01' });
  expect(periodOf('2026-11-01', 'month')).toEqual({ grain: 'month', start: '2026-11-01' });
  expect(periodOf('2026-09-30', 'quarter')).toEqual({ grain: 'quarter', start: '2026-07-01' });
  expect(periodOf('2026-Q3', 'quarter')).toEqual({ grain: 'quarter', start: '2026-07-01' });
  expect(periodOf('2026q4', 'year')).toEqual({ grain: 'year', start: '2026-01-01' });
  expect(periodOf(2025, 'year')).toEqual({ grain: 'year', start: '2025-01-01' });
  expect(periodOf('2026-11', 'month')).toEqual({ grain: 'month', start: '2026-11-01' });
  expect(periodOf('2026-11-27 23:30', 'day')).toEqual({ grain: 'day', start: '2026-11-27' });
  // An instant is the Seoul day it falls on: 15:30 UTC on the 27th is the 28th in Seoul.
  expect(periodOf('2026-11-27T15:30:00Z', 'day')).toEqual({ grain: 'day', start: '2026-11-28' });
});

test('a value coarser than the grain, or not a date, names no period', () => {
  expect(periodOf('2026-11', 'day')).toBeNull();
  expect(periodOf(2026, 'month')).toBeNull();
  expect(periodOf('2026-Q3', 'month')).toBeNull();
  expect(periodOf('2026-02-30', 'day')).toBeNull();
  expect(periodOf('2026-13', 'month')).toBeNull();
  expect(periodOf('강남구', 'day')).toBeNull();
  expect(periodOf(2026.5, 'year')).toBeNull();
  expect(periodOf(null, 'day')).toBeNull();
});

test('periods end at midnight in Seoul, and shift on the calendar', () => {
  expect(periodEnd({ grain: 'day', start: '2026-11-27' }).toISOString()).toBe('2026-11-27T15:00:00.000Z');
  expect(periodEnd({ grain: 'month', start: '2026-12-01' }).toISOString()).toBe('2026-12-31T15:00:00.000Z');
  expect(periodEnd({ grain: 'quarter', start: '2026-07-01' }).toISOString()).toBe('2026-09-30T15:00:00.000Z');
  expect(shiftPeriod({ grain: 'month', start: '2026-11-01' }, 2)).toEqual({ grain: 'month', start: '2027-01-01' });
  expect(shiftPeriod({ grain: 'day', start: '2026-03-01' }, -1)).toEqual({ grain: 'day', start: '2026-02-28' });
  expect(yearBefore({ grain: 'day', start: '2028-02-29' })).toEqual({ grain: 'day', start: '2027-02-28' });
  expect(yearBefore({ grain: 'quarter', start: '2026-07-01' })).toEqual({ grain: 'quarter', start: '2025-07-01' });
  expect(['day', 'month', 'quarter', 'year'].map((g) => periodKey(periodOf('2026-08-15', g as 'day')!))).toEqual(['2026-08-15', '2026-08', '2026-Q3', '2026']);
});

test('lags are ISO 8601 durations added on the Seoul calendar', () => {
  expect(parseDuration('P1M15D')).toEqual({ years: 0, months: 1, days: 15 });
  expect(parseDuration('P2W')).toEqual({ years: 0, months: 0, days: 14 });
  expect(parseDuration(undefined)).toEqual({ years: 0, months: 0, days: 0 });
  expect(parseDuration('P')).toBeNull();
  expect(parseDuration('1 month')).toBeNull();
  // 31 January in Seoul plus a month is the end of February, then a day more.
  expect(addDuration(new Date('2026-01-30T15:00:00Z'), { years: 0, months: 1, days: 1 }).toISOString()).toBe('2026-02-28T15:00:00.000Z');
});

test('the first and latest period of a rows file, from its time column', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'citydash-period-'));
  try {
    const file = join(dir, 'rows.ndjson');
    const rows = [{ month: '2026-10-01', v: 1 }, { month: '2025-11-01', v: 2 }, { month: null, v: 3 }, { month: 'n/a', v: 4 }, { month: '2026-09-01', v: 5 }];
    await writeFile(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(await scanPeriods(file, 'month', 'month')).toEqual({ first: { grain: 'month', start: '2025-11-01' }, latest: { grain: 'month', start: '2026-10-01' } });
    expect(await scanPeriods(file, 'v', 'day')).toBeNull();
    expect(await dataPeriodOf({ grain: 'month', column: 'month' }, file, null)).toMatchObject({ basis: 'column', latest: { start: '2026-10-01' } });
    expect(await dataPeriodOf({ grain: 'year', asOf: 2016 }, file, null)).toEqual({ grain: 'year', first: { grain: 'year', start: '2016-01-01' }, latest: { grain: 'year', start: '2016-01-01' }, basis: 'declared' });
    expect(await dataPeriodOf({ grain: 'day' }, file, '2026-11-28T21:00:00Z')).toMatchObject({ basis: 'fetched', latest: { start: '2026-11-29' } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
