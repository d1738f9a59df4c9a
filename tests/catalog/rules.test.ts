import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatProblem, loadCatalog } from '../../pipeline/catalog/index.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function catalogOf(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'citydash-catalog-'));
  dirs.push(root);
  for (const [path, body] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), body);
  }
  return root;
}

const SETTINGS = 'siteTitle: {ko: 가, en: A}\nareas:\n  environment: {ko: 환경, en: Environment}\n';
const SCHEMA = '{"type": "object"}';

/** A valid descriptor; `extra` lines replace or add top-level keys. */
function dataset(id: string, extra: Record<string, string> = {}): string {
  const keys: Record<string, string> = {
    id,
    title: '{ko: 가, en: A}',
    description: '{ko: 가, en: A}',
    department: '{id: env, ko: 환경, en: Environment}',
    licence: 'KOGL-1',
    update: '{every: daily}',
    extract: '{kind: file, path: data.csv, format: csv}',
    columns: '{date: {type: date}, value: {type: number}}',
    schema: 'schemas/any.schema.json',
    primaryKey: '[date]',
    onInvalid: '{action: fail-dataset}',
    ...extra,
  };
  return `${Object.entries(keys)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n`;
}
const derived = (id: string, from: string) => dataset(id, { extract: '', from, sql: `"SELECT DATE '2020-01-01' AS date, 1.5 AS value"` });
const chart = (id: string, extra = '') => `id: ${id}\narea: environment\ntitle: {ko: 가, en: A}\ndescription: {ko: 가, en: A}\n${extra}`;

const run = async (root: string) => {
  const { catalog, problems } = await loadCatalog(root);
  return { catalog, lines: problems.map(formatProblem) };
};

describe('catalog-level problems', () => {
  test('a catalog folder that does not exist is one problem, not an exception', async () => {
    const { catalog, problems } = await loadCatalog('/nonexistent/citydash-catalog');
    expect(problems.map(formatProblem)).toEqual(['/nonexistent/citydash-catalog:1:1: catalog folder not found (it holds sources/, schemas/ and viz-specs/)']);
    expect(catalog.datasets).toEqual([]);
  });

  test('without citydash.yaml: a warning, and defaults with areas from the chart folders', async () => {
    const root = await catalogOf({
      'sources/env/a.yaml': dataset('a'),
      'sources/env/data.csv': 'date,value\n',
      'schemas/any.schema.json': SCHEMA,
      'viz-specs/transport/t.yaml': chart('t', 'area: transport\ndata: [a]\nspec: {data: {name: a}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\n').replace('area: environment\n', ''),
      'viz-specs/environment/e.yaml': chart('e', 'data: [a]\nspec: {data: {name: a}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\n'),
    });
    const { catalog, lines } = await run(root);
    expect(lines).toEqual([
      'citydash.yaml:1:1: warning: no citydash.yaml in the catalog: using default settings (site title "서울 데이터 대시보드 / Seoul data dashboard", chart areas named after the viz-specs folders)',
    ]);
    expect(catalog.settings).toEqual({
      siteTitle: { ko: '서울 데이터 대시보드', en: 'Seoul data dashboard' },
      areas: { environment: { ko: 'environment', en: 'environment' }, transport: { ko: 'transport', en: 'transport' } },
    });
    expect(catalog.charts.map((c) => c.id)).toEqual(['e', 't']);
  });

  test('missing folders, empty, non-mapping, non-UTF-8 and oversize files', async () => {
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'viz-specs/environment/empty.yaml': '# nothing yet\n',
      'viz-specs/environment/list.yaml': '- id: list\n',
      'viz-specs/environment/latin1.yaml': new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
      'viz-specs/environment/huge.yaml': `# ${'x'.repeat(1024 * 1024)}\n`,
    });
    const { lines } = await run(root);
    expect(lines).toEqual([
      'sources/:1:1: no sources/ folder: dataset descriptors live in sources/<department>/<id>.yaml',
      'viz-specs/environment/empty.yaml:1:1: a chart descriptor is a mapping of keys (id: ..., title: ...); the file is empty',
      'viz-specs/environment/huge.yaml:1:1: chart descriptor is 1048579 bytes; the limit is 1048576',
      'viz-specs/environment/latin1.yaml:1:1: chart descriptor is not UTF-8 text (save it as UTF-8)',
      'viz-specs/environment/list.yaml:1:1: a chart descriptor is a mapping of keys (id: ..., title: ...); got a list',
    ]);
  });
});

describe('references between descriptors', () => {
  test('derived datasets in a cycle, and everything built on them, are left out with the reason', async () => {
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'schemas/any.schema.json': SCHEMA,
      'sources/derived/a.yaml': derived('a', '[b]'),
      'sources/derived/b.yaml': derived('b', '[a]'),
      'sources/derived/c.yaml': derived('c', '[c]'),
      'sources/derived/d.yaml': derived('d', '[b]'),
      'viz-specs/environment/chart.yaml': chart('chart', 'data: [d]\nspec: {data: {name: d}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\n'),
    });
    const { catalog, lines } = await run(root);
    expect(lines).toEqual([
      'sources/derived/a.yaml:11:8: derived datasets form a cycle: a -> b -> a',
      'sources/derived/b.yaml:11:8: derived datasets form a cycle: b -> a -> b',
      'sources/derived/c.yaml:11:8: derived datasets form a cycle: c -> c',
      'sources/derived/d.yaml:11:8: "from" names dataset "b", which has errors (see sources/derived/b.yaml) and is left out',
      'viz-specs/environment/chart.yaml:5:8: "data" names dataset "d", which has errors (see sources/derived/d.yaml) and is left out',
    ]);
    expect(catalog.datasets).toEqual([]);
    expect(catalog.charts).toEqual([]);
  });

  test('a broken row schema leaves its dataset out and the charts that use it say why', async () => {
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'schemas/any.schema.json': '{"type": "object", "properties": {"value": {"type": "nmber"}}}',
      'sources/env/a.yaml': dataset('a'),
      'sources/env/data.csv': 'date,value\n',
      'viz-specs/environment/chart.yaml': chart('chart', 'data: [a]\nspec: {data: {name: a}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\n'),
    });
    const { catalog, lines } = await run(root);
    expect(lines).toEqual([
      'schemas/any.schema.json:1:53: "properties.value.type" must be one of array, boolean, integer, null, number, object, string; got "nmber"; did you mean "number"?',
      'viz-specs/environment/chart.yaml:5:8: "data" names dataset "a", which has errors (see sources/env/a.yaml) and is left out',
    ]);
    expect(catalog.datasets).toEqual([]);
  });

  test('chart columns, map datasets not in data, areas and folders', async () => {
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'schemas/any.schema.json': SCHEMA,
      'sources/env/a.yaml': dataset('a', { columns: '{date: {type: date}, value: {type: number}, station: {type: string}}', district: '{from: station}' }),
      'sources/env/data.csv': 'date,value\n',
      'viz-specs/environment/map.yaml': chart(
        'map',
        'data: [a]\ntemplate: gu-map\nmap: {dataset: a, value: valeu, code: gu_code}\nindicator: {dataset: a, value: value, time: day, filter: {statoin: 강남구}}\n',
      ),
      'viz-specs/environment/other.yaml': chart('other', 'data: [a]\nspec: {data: {name: a}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\nindicator: {dataset: a, value: gu_ko}\n').replace('area: environment', 'area: enviroment'),
      'viz-specs/loose.yaml': chart('loose', 'data: [a]\nspec: {data: {name: a}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\n'),
    });
    const { catalog, lines } = await run(root);
    expect(lines).toEqual([
      'viz-specs/environment/map.yaml:7:26: "map.value" "valeu" is not a column of dataset "a" (columns: date, value, station, gu_code, gu_ko, gu_en); did you mean "value"?',
      // A card needs the period of its number, and the name of the one series it shows.
      'viz-specs/environment/map.yaml:8:22: warning: dataset "a" declares no "time" ({column, grain}), so the card cannot name the period of its number ("data as of") or of what it is compared with',
      'viz-specs/environment/map.yaml:8:45: "indicator.time" "day" is not a column of dataset "a" (columns: date, value, station, gu_code, gu_ko, gu_en)',
      'viz-specs/environment/map.yaml:8:50: warning: the card shows one series (filter) but does not name it: add "label" ({ko, en}), e.g. {ko: 2호선, en: Line 2}',
      'viz-specs/environment/map.yaml:8:59: "indicator.filter" key "statoin" is not a column of dataset "a" (columns: date, value, station, gu_code, gu_ko, gu_en); did you mean "station"?',
      'viz-specs/environment/other.yaml:2:7: "area" is "enviroment" but the chart is in viz-specs/environment/: move the file to viz-specs/enviroment/ or change the area',
      'viz-specs/environment/other.yaml:2:7: area "enviroment" is not listed in citydash.yaml "areas" (listed: environment); did you mean "environment"?',
      'viz-specs/environment/other.yaml:7:22: warning: dataset "a" declares no "time" ({column, grain}), so the card cannot name the period of its number ("data as of") or of what it is compared with',
      'viz-specs/loose.yaml:1:1: charts live in viz-specs/<area>/<id>.yaml; move viz-specs/loose.yaml into its area\'s folder',
    ]);
    expect(catalog.charts).toEqual([]);
  });

  test('a map or indicator dataset missing from "data" is a warning', async () => {
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'schemas/any.schema.json': SCHEMA,
      'sources/env/a.yaml': dataset('a'),
      'sources/env/b.yaml': dataset('b'),
      'sources/env/data.csv': 'date,value\n',
      'viz-specs/environment/c.yaml': chart('c', 'data: [a]\nspec: {data: {name: a}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\nindicator: {dataset: b, value: value}\n'),
    });
    const { catalog, lines } = await run(root);
    expect(lines).toEqual([
      'viz-specs/environment/c.yaml:7:22: warning: "indicator.dataset" "b" is not listed in "data", so its rows are not loaded for this chart',
      'viz-specs/environment/c.yaml:7:22: warning: dataset "b" declares no "time" ({column, grain}), so the card cannot name the period of its number ("data as of") or of what it is compared with',
    ]);
    expect(catalog.charts.map((c) => c.id)).toEqual(['c']);
  });
});

describe('dataset rules', () => {
  test('shape: extract and derived at once, neither, district column clashes, folders', async () => {
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'schemas/any.schema.json': SCHEMA,
      'sources/env/both.yaml': dataset('both', { from: '[x]', sql: `"SELECT DATE '2020-01-01' AS date, 1.5 AS value"` }),
      'sources/env/x.yaml': dataset('x', { extract: '', columns: '{date: {type: date}, gu_code: {type: string}}', district: '{from: date}' }),
      'sources/env/derived-here.yaml': derived('derived-here', '[x]'),
      'sources/derived/fetched.yaml': dataset('fetched', { extract: '{kind: file, path: ../env/data.csv, format: csv}' }),
      'sources/env/data.csv': 'date,value\n',
      'sources/top.yaml': dataset('top', { extract: '{kind: file, path: env/data.csv, format: csv}' }),
    });
    const { lines } = await run(root);
    expect(lines).toEqual([
      'sources/derived/fetched.yaml:1:1: warning: sources/derived/ holds derived datasets ("from" and "sql"); this one has neither',
      'sources/env/both.yaml:1:1: warning: derived datasets (with "from" and "sql") belong in sources/derived/, not sources/env/',
      'sources/env/both.yaml:7:1: a dataset has either "extract" (fetched) or "from" and "sql" (derived), not both',
      'sources/env/both.yaml:12:8: "from" names dataset "x", which has errors (see sources/env/x.yaml) and is left out',
      'sources/env/derived-here.yaml:1:1: warning: derived datasets (with "from" and "sql") belong in sources/derived/, not sources/env/',
      'sources/env/derived-here.yaml:11:8: "from" names dataset "x", which has errors (see sources/env/x.yaml) and is left out',
      'sources/env/x.yaml:1:1: missing required key "extract" (where to fetch the data), or "from" and "sql" for a derived dataset',
      'sources/env/x.yaml:7:31: column "gu_code" clashes with the column "district" adds (gu_code, gu_ko, gu_en); rename it',
      'sources/top.yaml:1:1: warning: datasets live in sources/<department>/<id>.yaml (derived ones in sources/derived/); sources/top.yaml is not one level below sources/',
      'viz-specs/:1:1: warning: no viz-specs/ folder: chart descriptors live in viz-specs/<area>/<id>.yaml',
    ]);
  });

  test('time: a column that holds periods, an asOf that reads as one, a card that compares a year back needs it', async () => {
    const cols = '{date: {type: date}, year: {type: integer}, value: {type: number}}';
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'schemas/any.schema.json': SCHEMA,
      'sources/env/data.csv': 'date,value\n',
      'sources/env/good.yaml': dataset('good', { columns: cols, time: '{column: date, grain: month, lag: P1M}' }),
      'sources/env/typo.yaml': dataset('typo', { columns: cols, time: '{column: dat, grain: day}' }),
      'sources/env/measure.yaml': dataset('measure', { columns: cols, time: '{column: value, grain: day}' }),
      'sources/env/years.yaml': dataset('years', { columns: cols, time: '{column: year, grain: month}' }),
      'sources/env/asof.yaml': dataset('asof', { columns: cols, time: '{grain: quarter, asOf: 2016-13}' }),
      'sources/env/both.yaml': dataset('both', { columns: cols, time: '{grain: year, column: year, asOf: 2016}' }),
      'sources/env/lag.yaml': dataset('lag', { columns: cols, time: '{column: date, grain: day, lag: 1 month}' }),
      'sources/env/notime.yaml': dataset('notime', { columns: cols }),
      'viz-specs/environment/seasonal.yaml': chart('seasonal', 'data: [notime]\nspec: {data: {name: notime}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\nindicator: {dataset: notime, value: value, compare: year-ago}\n'),
      'viz-specs/environment/fine.yaml': chart('fine', 'data: [good]\nspec: {data: {name: good}, mark: bar, encoding: {y: {field: value, type: quantitative}}}\nindicator: {dataset: good, value: value, compare: year-ago}\n'),
    });
    const { lines } = await run(root);
    expect(lines).toEqual([
      'sources/env/asof.yaml:12:30: asOf "2016-13" is not a quarter (write 2026-Q3)',
      'sources/env/both.yaml:12:7: "time" has either "column" (each row\'s period) or "asOf" (one period for the whole dataset), not both',
      'sources/env/lag.yaml:12:39: "time.lag" must be an ISO 8601 duration in years, months, weeks and days (e.g. P1D, P2W, P1M, P1M15D); got "1 month"',
      'sources/env/measure.yaml:12:16: time column "value" is of type number; a period is a date, datetime, string (2026-11, 2026-Q3) or integer year',
      'sources/env/typo.yaml:12:16: time column "dat" is not a declared column (columns: date, year, value); did you mean "date"?',
      'sources/env/years.yaml:12:29: time column "year" holds integers, which can only be years; grain "month" needs dates or text such as 2026-11',
      'viz-specs/environment/seasonal.yaml:7:53: "year-ago" needs to know the period of each row, but dataset "notime" declares no "time" ({column, grain})',
    ]);
  });

  test('files: sample outside the catalog, file source outside (only in CITYDASH_DATA_FOLDERS), schema outside, missing and a folder', async () => {
    const root = await catalogOf({
      'citydash.yaml': SETTINGS,
      'schemas/any.schema.json': SCHEMA,
      'schemas/unused.schema.json': '{"type": "object", "properties": {"a": {"pattern": "x"}}}',
      'sources/env/a.yaml': dataset('a', { extract: '{kind: seoul-openapi, service: X, sample: ../../../etc/passwd}' }),
      'sources/env/b.yaml': dataset('b', { extract: `{kind: file, sample: samples, format: csv, path: ${JSON.stringify(process.execPath)}}`, schema: '../outside.schema.json' }),
      'sources/env/samples/readme.txt': 'samples live here',
      'sources/env/c.yaml': dataset('c', { schema: 'schemas/c.schema.json' }),
      'sources/env/data.csv': 'date,value\n',
    });
    const { lines } = await run(root);
    const extractHint = (dir: string) => ` — paths in extract are relative to the descriptor's folder (${dir}/) and stay inside the catalog`;
    const schemaHint = ' — schema paths are relative to the catalog root, e.g. schemas/<id>.schema.json';
    expect(lines).toEqual([
      'schemas/unused.schema.json:1:1: warning: schema not used by any dataset',
      'schemas/unused.schema.json:1:41: "pattern" needs a "maxLength" next to it (an unbounded pattern on an unbounded string can make validation hang)',
      `sources/env/a.yaml:7:52: sample file "../../../etc/passwd" leads outside the catalog folder (to ${join(root, 'sources/env', '../../../etc/passwd')}): files a catalog names must be inside it${extractHint('sources/env')}`,
      `sources/env/b.yaml:7:31: sample file "samples" is a folder, not a file${extractHint('sources/env')}`,
      `sources/env/b.yaml:7:59: file ${JSON.stringify(process.execPath)} is an absolute path: files a catalog names are inside the catalog, named by a relative path${extractHint('sources/env')}`,
      `sources/env/b.yaml:9:9: schema file "../outside.schema.json" leads outside the catalog folder (to ${join(root, '../outside.schema.json')}): files a catalog names must be inside it${schemaHint}`,
      `sources/env/c.yaml:9:9: schema file "schemas/c.schema.json" not found (looked for schemas/c.schema.json)${schemaHint}`,
      'viz-specs/:1:1: warning: no viz-specs/ folder: chart descriptors live in viz-specs/<area>/<id>.yaml',
    ]);
    // The operator may let file sources (never samples or schemas) read a department's folder.
    const allowed = (await loadCatalog(root, { env: { CITYDASH_DATA_FOLDERS: dirname(process.execPath) } })).problems.map(formatProblem);
    expect(allowed.filter((l) => l.startsWith('sources/env/b.yaml:7:59'))).toEqual([]);
    expect(allowed.filter((l) => l.startsWith('sources/env/a.yaml:7:52'))).toHaveLength(1);
  });
});
