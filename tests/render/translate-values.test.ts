// English charts draw category values through the catalog's translation tables (issue 12: no
// Korean left on English pages), except a column whose Korean values the spec itself quotes.
import { loadCatalog } from '../../pipeline/catalog/index.ts';
import { localizeChart } from '../../pipeline/render/localize.ts';
import type { Row } from '../../pipeline/types.ts';
import { repoRoot } from '../helpers/paths.ts';

type Any = Record<string, any>;
const { catalog } = await loadCatalog(repoRoot);
const chart = (id: string) => catalog.charts.find((c) => c.id === id)!;
const columnsOf = (id: string) => ({ [id]: catalog.datasets.find((d) => d.id === id)!.columns });

test('the station ranking in English: stations and lines from their tables, Korean untouched', () => {
  const id = 'subway-station-ranking';
  const rows: Row[] = [
    { month: '2026-10-01', line: '2호선', station: '강남', boardings: 95353, alightings: 94000, rank: 1 },
    { month: '2026-10-01', line: '1호선', station: '어느역', boardings: 39047, alightings: 39000, rank: 2 },
  ];
  const en = localizeChart(chart('busiest-subway-stations'), 'en', { [id]: rows }, columnsOf(id));
  expect((en.spec as Any).datasets[id].map((r: Row) => [r.station, r.line])).toEqual([['Gangnam', 'Line 2'], ['어느역', 'Line 1']]);
  expect(en.rows[id]!.map((r) => r.station)).toEqual(['Gangnam', '어느역']);
  const ko = localizeChart(chart('busiest-subway-stations'), 'ko', { [id]: rows }, columnsOf(id));
  expect((ko.spec as Any).datasets[id].map((r: Row) => [r.station, r.line])).toEqual([['강남', '2호선'], ['어느역', '1호선']]);
  expect(rows[0]!.station).toBe('강남');
});

test("a column the spec filters on by its Korean value keeps that value (the filter must still match)", () => {
  const id = 'necessities-prices-latest-by-item';
  const spec = JSON.stringify(chart('market-vs-mart-prices').spec);
  expect(spec).toContain("datum.market_type === '전통시장'");
  const columns = columnsOf(id);
  const row = Object.fromEntries(Object.keys(columns[id]!).map((k) => [k, null])) as Row;
  const en = localizeChart(chart('market-vs-mart-prices'), 'en', { [id]: [{ ...row, market_type: '전통시장', item: '사과(부사, 300g)' }] }, columns);
  expect((en.spec as Any).datasets[id][0].market_type).toBe('전통시장');
  // the item column is not quoted, so it is translated
  expect(columns[id]!.item!.labels?.['사과(부사, 300g)']).toMatch(/^[A-Za-z]/);
  expect((en.spec as Any).datasets[id][0].item).toBe(columns[id]!.item!.labels!['사과(부사, 300g)']);
});
