import { resolve } from 'node:path';
import type { LoadedCatalog } from '../../pipeline/catalog/index.ts';
import { formatProblem, loadCatalog } from '../../pipeline/catalog/index.ts';
import { repoRoot } from '../helpers/paths.ts';

const root = resolve(repoRoot, 'tests/catalog/fixtures/broken');

describe('loadCatalog on a broken catalog', () => {
  let loaded: LoadedCatalog;
  beforeAll(async () => {
    loaded = await loadCatalog(root);
  });

  test('reports every problem in every file in one run, each at its exact line and column', () => {
    const { problems } = loaded;
    expect(problems.map(formatProblem)).toEqual([
      'schemas/air-quality.schema.json:5:33: "pattern" needs a "maxLength" next to it (an unbounded pattern on an unbounded string can make validation hang)',
      'schemas/air-quality.schema.json:6:46: "format": "regex" is not allowed (it would compile data as a regular expression)',
      'schemas/air-quality.schema.json:6:55: unknown keyword "maxLenght"; did you mean "maxLength"?',
      'schemas/air-quality.schema.json:7:23: remote "$ref" "https://example.org/pm10.schema.json" is not allowed: a row schema must be self-contained (copy the definition into "$defs")',
      'schemas/subway-ridership.schema.json:4:24: "required" lists "line", which dataset "subway-ridership" has no column for (columns: date, station, gu_code, gu_ko, gu_en)',
      'schemas/subway.schema.json:4:50: not valid JSON: trailing comma before \'}\' (remove it)',
      'sources/climate-environment/air-quality.yaml:1:1: missing required key "licence"',
      'sources/climate-environment/air-quality.yaml:5:17: "update.every" must be one of hourly, daily, weekly, monthly, quarterly, yearly; got "nightly"',
      'sources/climate-environment/air-quality.yaml:6:1: unknown key "extarct" (allowed: id, title, description, department, contact, licence, homepage, keywords, update, time, extract, columns, district, schema, primaryKey, onInvalid, from, sql); did you mean "extract"?',
      'sources/climate-environment/air-quality.yaml:12:30: "columns.pm10.type" must be one of string, integer, number, date, datetime, boolean; got "float"',
      'sources/climate-environment/air-quality.yaml:14:13: "primaryKey" must be a list; got "date"',
      'sources/climate-environment/air-quality.yaml:15:41: "onInvalid.maxRatio" must be at most 1; got 1.5',
      'sources/derived/ridership-monthly.yaml:7:8: "from" names dataset "subway-ridership", which has errors (see sources/transport-office/subway-ridership.yaml) and is left out',
      'sources/derived/ridership-monthly.yaml:7:26: "from" names unknown dataset "air-qualty"; did you mean "air-quality"?',
      'sources/derived/ridership-monthly.yaml:10:11: derived columns take no "from": column "month" is named by the SQL result',
      'sources/safety/cctv.yaml:3:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
      'sources/transport-office/subway-ridership.yaml:1:5: duplicate dataset id "subway-ridership": also used by sources/transportation/subway-ridership.yaml:1:5',
      'sources/transport-office/subway-ridership.yaml:4:1: missing required key "en" in "department"',
      'sources/transport-office/subway-ridership.yaml:7:1: warning: no "extract.sample": offline runs (and runs without SEOUL_API_KEY) will have no data for this dataset',
      'sources/transport-office/subway-ridership.yaml:10:3: column "station" is not in the "properties" of schemas/subway-ridership.schema.json, which allows no others: every row would be rejected',
      'sources/transport-office/subway-ridership.yaml:11:1: schemas/subway-ridership.schema.json must allow "gu_code", "gu_ko", "gu_en" (string or null): "district" adds them to every row',
      'sources/transport-office/subway-ridership.yaml:11:18: district column "gu" is not a declared column (columns: date, station)',
      'sources/transport-office/subway-ridership.yaml:13:20: primary key column "stationn" is not a declared column (columns: date, station, gu_code, gu_ko, gu_en); did you mean "station"?',
      'sources/transportation/subway-ridership.yaml:1:5: duplicate dataset id "subway-ridership": also used by sources/transport-office/subway-ridership.yaml:1:5',
      'sources/transportation/subway-ridership.yaml:2:48: unknown key "000 residents" in "title" (allowed: ko, en); a comma inside {…} starts a new entry, so quote text that contains one: en: "Subway riders per 1,000 residents"',
      'sources/transportation/subway-ridership.yaml:10:11: sample file "samples/missing.json" not found (looked for sources/transportation/samples/missing.json) — paths in extract are relative to the descriptor\'s folder (sources/transportation/) and stay inside the catalog',
      'sources/transportation/subway-ridership.yaml:11:9: unknown key "delimter" in "extract.csv" (allowed: delimiter, skipRows, dropTotals); did you mean "delimiter"?',
      'sources/transportation/subway-ridership.yaml:14:51: "columns.station.unit" must be a string; got 12',
      'viz-specs/environment/pm-map.yaml:5:8: "data" names dataset "ridership-monthly", which has errors (see sources/derived/ridership-monthly.yaml) and is left out',
      'viz-specs/environment/pm-map.yaml:7:6: data name "air-quality-by-gu" is not a dataset of the catalog — use one of: ridership-monthly',
      'viz-specs/environment/pm-map.yaml:7:16: "map.dataset" names unknown dataset "air-quality-by-gu"',
      'viz-specs/environment/pm-map.yaml:8:22: "indicator.dataset" names dataset "ridership-monthly", which has errors (see sources/derived/ridership-monthly.yaml) and is left out',
      'viz-specs/transport/ridership-chart.yaml:1:5: id "ridership-trend" does not match the file name "ridership-chart.yaml": rename the file to ridership-trend.yaml or change the id',
      'viz-specs/transport/ridership-chart.yaml:2:7: "area" is "transit" but the chart is in viz-specs/transport/: move the file to viz-specs/transit/ or change the area',
      'viz-specs/transport/ridership-chart.yaml:2:7: area "transit" is not listed in citydash.yaml "areas" (listed: environment, transport)',
      'viz-specs/transport/ridership-chart.yaml:5:8: "data" names unknown dataset "subway-ridrship"; did you mean "subway-ridership"?',
      'viz-specs/transport/ridership-chart.yaml:6:1: unknown key "specs" (allowed: id, area, title, description, alt, keywords, data, proposedBy, spec, locales, template, map, reference, indicator); did you mean "spec"?',
    ]);
  });

  test('only the missing sample of a network source is a warning; everything else is an error', () => {
    const { problems } = loaded;
    expect(problems.filter((p) => p.severity === 'warning').map((p) => `${p.file}:${p.line}`)).toEqual(['sources/transport-office/subway-ridership.yaml:7']);
  });

  test('files with errors are left out; the valid dataset next to them still loads', () => {
    const { catalog } = loaded;
    expect(catalog.datasets.map((d) => d.id)).toEqual(['cctv-by-gu']);
    expect(catalog.charts).toEqual([]);
    const [cctv] = catalog.datasets;
    expect(cctv.extract).toEqual({
      kind: 'file',
      path: 'data/cctv-by-gu.csv',
      format: 'csv',
      encoding: 'utf-8',
      csv: { delimiter: ',', skipRows: 0, dropTotals: true },
    });
    expect(cctv.columns.cameras).toEqual({ from: ['총계'], type: 'integer' });
  });

  test('problems carry the rule they broke', () => {
    const { problems } = loaded;
    const rules = (file: string) => [...new Set(problems.filter((p) => p.file === file).map((p) => p.rule))].sort();
    expect(rules('sources/transport-office/subway-ridership.yaml')).toEqual(['reference', 'row-schema', 'sample', 'schema', 'unique-id']);
    expect(rules('schemas/subway.schema.json')).toEqual(['syntax']);
    expect(rules('viz-specs/transport/ridership-chart.yaml')).toEqual(['file-name', 'folder', 'reference', 'schema']);
  });
});
