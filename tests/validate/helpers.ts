// Small builders for validate tests: in-memory raw tables, a temp work dir, silent effects.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../pipeline/log.ts';
import type { DatasetDescriptor, Effects, FetchInfo, RawTable, RawValue, SourceLocation } from '../../pipeline/types.ts';
import { workDir, type WorkDir } from '../../pipeline/workdir.ts';
import { ALLOW_LOOPBACK } from '../helpers/loopback.ts';

/** A CSV-shaped table: header on line 1, record i on line i + 2. */
export function csvTable(headers: string[], rows: RawValue[][], file = 'test.csv'): RawTable {
  return table(headers, rows.map((values, i) => ({ values, loc: { file, line: i + 2 } })));
}

export function table(headers: string[], records: { values: RawValue[]; loc: SourceLocation }[]): RawTable {
  async function* gen() { yield* records; }
  return { headers, records: gen() };
}

export function testEffects(env: Record<string, string | undefined> = {}, now = '2026-11-28T12:00:00Z'): Effects & { log: ReturnType<typeof memoryLogger> } {
  return { fetch: globalThis.fetch, now: () => new Date(now), log: memoryLogger(), env: { ...ALLOW_LOOPBACK, ...env } };
}

export async function tempDir(prefix = 'citydash-validate-'): Promise<{ path: string; work: WorkDir; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, work: workDir(join(path, '.citydash')), cleanup: () => rm(path, { recursive: true, force: true }) };
}

export const FETCH: FetchInfo = { outcome: 'fresh', source: 'test.csv', fetchedAt: '2026-11-28T12:00:00.000Z', sample: false };

/** A small air-quality-like descriptor; override what a test needs. */
export function descriptor(over: Partial<DatasetDescriptor> = {}): DatasetDescriptor {
  return {
    id: 'air-test',
    title: { ko: '대기', en: 'Air' },
    description: { ko: '대기', en: 'Air' },
    department: { id: 'climate-environment', ko: '기후환경본부', en: 'Climate and Environment HQ' },
    licence: 'KOGL-1',
    update: { every: 'daily' },
    extract: { kind: 'file', path: 'data.csv', format: 'csv' },
    columns: {
      date: { from: ['측정일시', 'MSRDT_DE'], type: 'date', format: 'yyyyMMdd' },
      station: { from: ['측정소명', 'MSRSTE_NM'], type: 'string' },
      pm10: { from: ['미세먼지농도(㎍/㎥)', '미세먼지(㎍/㎥)', 'PM10'], type: 'number', unit: '㎍/㎥' },
    },
    district: { from: 'station' },
    schema: 'schemas/air-test.schema.json',
    primaryKey: ['date', 'station'],
    onInvalid: { action: 'drop-row', maxRatio: 0.5 },
    file: 'sources/climate-environment/air-test.yaml',
    ...over,
  };
}

export const AIR_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['date', 'station'],
  properties: {
    date: { type: 'string', format: 'date' },
    station: { type: 'string', maxLength: 40 },
    pm10: { type: ['number', 'null'], minimum: 0, maximum: 5000 },
    gu_code: { type: ['string', 'null'], pattern: '^11[0-9]{3}$', maxLength: 5 },
    gu_ko: { type: ['string', 'null'], maxLength: 10 },
    gu_en: { type: ['string', 'null'], maxLength: 30 },
  },
};

/** A dataset descriptor as YAML text for a temp catalog (file source, air-like columns). */
export function descriptorYaml(id: string, path: string, extra = ''): string {
  return `id: ${id}
title: {ko: 대기 ${id}, en: Air ${id}}
description: {ko: 시험용, en: For tests}
department: {id: climate-environment, ko: 기후환경본부, en: Climate and Environment HQ}
licence: KOGL-1
update: {every: daily}
extract: {kind: file, path: ${path}, format: csv}
columns:
  date: {from: [측정일시], type: date, format: yyyyMMdd}
  station: {from: [측정소명], type: string}
  pm10: {from: ["미세먼지농도(㎍/㎥)", PM10], type: number, unit: ㎍/㎥}
district: {from: station}
schema: schemas/air-test.schema.json
primaryKey: [date, station]
${extra || 'onInvalid: {action: drop-row, maxRatio: 0.5}'}
`;
}
