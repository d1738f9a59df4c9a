// The open metadata a build writes next to the pages: catalog.jsonld (DCAT-AP), the schema.org
// Dataset block of each dataset page, datapackage.json (Frictionless) whose Table Schemas the
// downloads actually satisfy, social cards, search facets, the search index and _headers.
// Built twice from the site fixture: with a baseUrl (absolute IRIs) and without (relative ones).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { memoryLogger } from '../../pipeline/log.ts';
import { buildSite } from '../../pipeline/site/build.ts';
import { DCAT_CONTEXT, FREQUENCY } from '../../pipeline/site/dcat.ts';
import { headersFile } from '../../pipeline/site/headers.ts';
import { assembleSiteModel, type SiteModel } from '../../pipeline/site/model.ts';
import type { Effects } from '../../pipeline/types.ts';
import { makeFixture, XSS_SCRIPT, type Fixture } from './fixture.ts';
import { tags } from './html.ts';

const BASE = 'https://data.example.seoul.kr/dash';
const SUBWAY_SCHEMA = {
  type: 'object',
  required: ['month', 'line', 'riders', 'note', 'change'],
  properties: {
    month: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$', maxLength: 7 },
    line: { type: 'string', minLength: 1, enum: ['1호선', '2호선', null] },
    riders: { type: 'integer', minimum: 0, maximum: 10000000 },
    note: { type: ['string', 'null'] },
    change: { type: ['number', 'null'], minimum: -100000 },
  },
};

interface Built {
  fx: Fixture;
  model: SiteModel;
  out: string;
}
let abs: Built;
let rel: Built;

async function build(opts: { baseUrl?: string; xss?: boolean }): Promise<Built> {
  const fx = await makeFixture(opts);
  const log = memoryLogger();
  const effects: Effects = { fetch: globalThis.fetch, now: () => new Date('2024-11-28T21:05:00Z'), log, env: {} };
  const model = await assembleSiteModel(fx.catalog, fx.input, log);
  const out = join(fx.dir, 'dist', 'site');
  await buildSite(model, { outDir: out, rowsPath: fx.input.rowsPath, rendered: fx.input.rendered, rowSchemas: { 'subway-ridership': SUBWAY_SCHEMA } }, effects);
  return { fx, model, out };
}

beforeAll(async () => {
  [abs, rel] = await Promise.all([build({ baseUrl: BASE, xss: true }), build({})]);
});

afterAll(async () => {
  for (const b of [abs, rel]) if (b) await rm(b.fx.dir, { recursive: true, force: true });
});

const json = async (b: Built, path: string) => JSON.parse(await readFile(join(b.out, path), 'utf8'));
const size = async (b: Built, path: string) => (await stat(join(b.out, path))).size;
type Node = Record<string, unknown>;

/** JSON-LD shape check without a network: every key is a keyword, a context term or prefix:term. */
function undefinedTerms(doc: unknown, context: Record<string, string>): string[] {
  const bad: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      if (k === '@context') continue;
      const ok = k.startsWith('@') || k in context || (k.includes(':') && k.split(':')[0] in context);
      if (!ok) bad.push(k);
      walk(child);
    }
  };
  walk(doc);
  return bad;
}

function ids(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      if (k === '@id' && typeof child === 'string') out.push(child);
      else walk(child);
    }
  };
  walk(doc);
  return out;
}

test('catalog.jsonld: a DCAT-AP catalog with every available dataset, publisher, licence, frequency, modified, distributions', async () => {
  const cat = await json(abs, 'catalog.jsonld');
  expect(cat['@context']).toEqual(DCAT_CONTEXT);
  expect(cat['@type']).toBe('dcat:Catalog');
  expect(cat['@id']).toBe(`${BASE}/catalog.jsonld`);
  expect(cat['dct:title']).toEqual([{ '@value': '서울 데이터 대시보드', '@language': 'ko' }, { '@value': 'Seoul Data Dashboard', '@language': 'en' }]);
  expect(undefinedTerms(cat, cat['@context'])).toEqual([]);
  for (const id of ids(cat)) expect(id).toMatch(/^https?:\/\//);
  const datasets = cat['dcat:dataset'] as Node[];
  expect(datasets.map((d) => d['dct:identifier']).sort()).toEqual(abs.model.datasets.filter((d) => d.available).map((d) => d.id).sort());
  const air = datasets.find((d) => d['dct:identifier'] === 'air-quality-daily')!;
  expect(air['dct:publisher']).toMatchObject({ '@type': 'foaf:Organization', 'foaf:name': [{ '@value': '기후환경본부', '@language': 'ko' }, { '@value': 'Climate and Environment HQ', '@language': 'en' }] });
  expect(air['dct:license']).toMatchObject({ '@id': 'https://www.kogl.or.kr/info/licenseType1.do', 'dct:identifier': 'KOGL-1' });
  expect(air['dct:accrualPeriodicity']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' });
  expect(air['dct:modified']).toEqual({ '@value': '2024-11-28T21:00:00.000Z', '@type': 'xsd:dateTime' });
  expect(air['dcat:landingPage']).toEqual([{ '@id': `${BASE}/ko/datasets/air-quality-daily/` }, { '@id': `${BASE}/en/datasets/air-quality-daily/` }]);
  const subway = datasets.find((d) => d['dct:identifier'] === 'subway-ridership')!;
  expect(subway['dct:accrualPeriodicity']).toEqual({ '@id': FREQUENCY.monthly });
  expect((subway['dct:license'] as Node)['@id']).toBe('https://spdx.org/licenses/CC-BY-4.0.html');
  for (const d of datasets) {
    const ds = abs.model.datasets.find((x) => x.id === d['dct:identifier'])!;
    const dist = d['dcat:distribution'] as Node[];
    expect(dist).toHaveLength(2);
    const byType = Object.fromEntries(dist.map((x) => [(x['dcat:mediaType'] as Node)['@id'], x]));
    const csv = byType['http://www.iana.org/assignments/media-types/text/csv'];
    const js = byType['http://www.iana.org/assignments/media-types/application/json'];
    expect(csv['dcat:downloadURL']).toEqual({ '@id': `${BASE}/${ds.downloads!.csv.path}` });
    expect(csv['dct:format']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' });
    expect(csv['dcat:byteSize']).toEqual({ '@value': String(await size(abs, ds.downloads!.csv.path)), '@type': 'xsd:nonNegativeInteger' });
    expect(js['dcat:byteSize']).toEqual({ '@value': String(await size(abs, ds.downloads!.json.path)), '@type': 'xsd:nonNegativeInteger' });
    expect(csv['dcat:accessURL']).toBeDefined();
  }
  // The derived dataset says what it comes from.
  expect(datasets.find((d) => d['dct:identifier'] === 'air-quality-monthly-by-gu')!['dct:relation']).toEqual([{ '@id': `${BASE}/ko/datasets/air-quality-daily/#dataset` }]);
});

test('catalog.jsonld without a baseUrl: IRIs relative to the file, so it resolves wherever the site is mounted', async () => {
  const cat = await json(rel, 'catalog.jsonld');
  const base = new URL('https://anywhere.example/some/prefix/catalog.jsonld');
  // Vocabulary and licence IRIs stay absolute; the site's own are relative (never root-relative).
  const own = ids(cat).filter((id) => !/^[a-z]+:/.test(id));
  expect(own.length).toBeGreaterThan(20);
  for (const id of own) {
    expect(id).not.toMatch(/^\//);
    const resolved = new URL(id, base);
    expect(resolved.href.startsWith('https://anywhere.example/some/prefix/')).toBe(true);
    const file = resolved.pathname.slice('/some/prefix/'.length).split('#')[0];
    if (file && !file.endsWith('/')) expect(existsSync(join(rel.out, decodeURIComponent(file)))).toBe(true);
    else if (file) expect(existsSync(join(rel.out, file, 'index.html'))).toBe(true);
  }
});

function ldBlock(html: string): { raw: string; data: Node } {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return { raw: m![1], data: JSON.parse(m![1]) as Node };
}

test('each dataset page carries a schema.org Dataset (its language), with downloads, variables and licence', async () => {
  for (const lang of ['ko', 'en'] as const) {
    for (const ds of abs.model.datasets) {
      const html = await readFile(join(abs.out, lang, 'datasets', ds.id, 'index.html'), 'utf8');
      const { data } = ldBlock(html);
      expect(data).toMatchObject({
        '@context': 'https://schema.org', '@type': 'Dataset', name: ds.title[lang], description: ds.description[lang],
        url: `${BASE}/${lang}/datasets/${ds.id}/`, identifier: ds.id, inLanguage: lang, isAccessibleForFree: true,
        creator: { '@type': 'GovernmentOrganization', name: ds.department[lang] },
        includedInDataCatalog: { '@type': 'DataCatalog', url: `${BASE}/${lang}/catalog/` },
      });
      expect(data.license).toBe(ds.licence.url ?? ds.licence.title[lang]);
      expect((data.variableMeasured as Node[]).map((v) => v.propertyID)).toEqual(ds.columns.map((c) => c.name));
      const dist = data.distribution as Node[];
      if (ds.downloads) {
        expect(dist.map((d) => d.encodingFormat)).toEqual(['text/csv', 'application/json']);
        expect(dist[0]).toMatchObject({ '@type': 'DataDownload', contentUrl: `${BASE}/${ds.downloads.csv.path}`, contentSize: `${await size(abs, ds.downloads.csv.path)} B` });
        expect(data.dateModified).toBe(ds.fetch!.fetchedAt);
      } else expect(dist).toEqual([]);
    }
  }
  // Without a baseUrl the URLs are relative to the page.
  const { data } = ldBlock(await readFile(join(rel.out, 'en/datasets/air-quality-daily/index.html'), 'utf8'));
  expect(data.url).toBe('./');
  expect((data.distribution as Node[])[0].contentUrl).toMatch(/^\.\.\/\.\.\/\.\.\/data\/air-quality-daily\.[0-9a-f]{12}\.csv$/);
});

test('the JSON-LD block cannot be closed by data: every < > & is escaped, and it still reads back as the data', async () => {
  const html = await readFile(join(abs.out, 'ko/datasets/xss-data/index.html'), 'utf8');
  const { raw, data } = ldBlock(html);
  expect(raw).not.toMatch(/[<>&]/);
  expect(String(data.name)).toContain(XSS_SCRIPT);
  // Exactly one data block and no executable inline script anywhere on the page.
  const scripts = tags(html).filter((t) => t.name === 'script');
  expect(scripts.map((s) => s.attrs.type)).toEqual(['application/ld+json']);
});

test('datapackage.json lists every download with its size, hash, dialect and a Table Schema the files satisfy', async () => {
  const pkg = await json(abs, 'datapackage.json');
  expect(pkg).toMatchObject({ profile: 'tabular-data-package', name: 'citydash', version: '2024-11-28T2100Z', homepage: BASE });
  const resources = pkg.resources as Node[];
  const downloads = abs.model.datasets.flatMap((d) => (d.downloads ? [d.downloads.csv.path, d.downloads.json.path] : []));
  expect(resources.map((r) => r.path).sort()).toEqual(downloads.sort());
  expect(new Set(resources.map((r) => r.name)).size).toBe(resources.length);
  for (const r of resources) {
    const bytes = await readFile(join(abs.out, String(r.path)));
    expect(r.bytes).toBe(bytes.length);
    expect(r.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(r.name).toMatch(/^[a-z0-9._-]+$/);
    const schema = r.schema as { fields: Array<{ name: string; type: string; format?: string; constraints?: Node }>; primaryKey: string[] };
    const names = schema.fields.map((f) => f.name);
    let rows: Array<Record<string, unknown>>;
    if (r.format === 'csv') {
      expect(r).toMatchObject({ mediatype: 'text/csv', encoding: 'utf-8-sig', dialect: { delimiter: ',', header: true } });
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      expect(parsed[0]).toEqual(names);
      rows = parsed.slice(1).map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i] === '' ? null : cells[i]])));
    } else {
      expect(r).toMatchObject({ mediatype: 'application/json', format: 'json' });
      rows = JSON.parse(bytes.toString('utf8'));
      for (const row of rows) expect(Object.keys(row)).toEqual(names);
    }
    // A minimal Table Schema check: types, required and ranges hold for every value.
    for (const row of rows) {
      for (const f of schema.fields) {
        const v = row[f.name];
        if (v === null || v === undefined) {
          expect([f.name, f.constraints?.required ?? false]).toEqual([f.name, false]);
          continue;
        }
        const s = String(v);
        if (f.type === 'integer') expect(s).toMatch(/^-?\d+$/);
        if (f.type === 'number') expect(Number.isFinite(Number(s))).toBe(true);
        if (f.type === 'date') expect(s).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (typeof f.constraints?.minimum === 'number') expect(Number(s)).toBeGreaterThanOrEqual(f.constraints.minimum);
        if (typeof f.constraints?.pattern === 'string') expect(s).toMatch(new RegExp(`^(?:${f.constraints.pattern})$`));
        if (Array.isArray(f.constraints?.enum)) expect(f.constraints.enum).toContain(v);
      }
    }
    expect(schema.primaryKey.every((k) => names.includes(k))).toBe(true);
  }
  // Constraints come from the row JSON Schema when the build has it.
  const subway = resources.find((r) => r.name === 'subway-ridership-csv')!;
  const fields = Object.fromEntries((subway.schema as { fields: Node[] }).fields.map((f) => [f.name, f]));
  expect(fields.riders).toMatchObject({ type: 'integer', unit: '명', constraints: { required: true, minimum: 0, maximum: 10000000 } });
  expect(fields.month).toMatchObject({ type: 'string', constraints: { required: true, pattern: '[0-9]{4}-[0-9]{2}', maxLength: 7 } });
  expect(fields.line.constraints).toEqual({ required: true, minLength: 1, enum: ['1호선', '2호선'] });
  expect(fields.note.constraints).toBeUndefined();
  expect(fields.change.constraints).toEqual({ minimum: -100000 });
});

test('social cards: og:title/description in the page language; og:image is the chart PNG', async () => {
  for (const lang of ['ko', 'en'] as const) {
    const chart = abs.model.charts.find((c) => c.id === 'pm25-by-district')!;
    const html = await readFile(join(abs.out, lang, 'charts', chart.id, 'index.html'), 'utf8');
    const meta = Object.fromEntries(tags(html).filter((t) => t.name === 'meta' && t.attrs.property).map((t) => [t.attrs.property, t.attrs.content]));
    expect(meta['og:title']).toBe(chart.title[lang]);
    expect(meta['og:description']).toBe(chart.description[lang]);
    expect(meta['og:image']).toBe(`${BASE}/${chart.render[lang]!.files.png.path}`);
    expect(meta['og:locale']).toBe(lang === 'ko' ? 'ko_KR' : 'en_US');
    expect(meta['og:url']).toBe(`${BASE}/${lang}/charts/${chart.id}/`);
  }
});

test('search: facets on chart and dataset pages, the index for both languages, a search page, _headers', async () => {
  const chart = await readFile(join(abs.out, 'en/charts/pm25-by-district/index.html'), 'utf8');
  const filters = tags(chart).filter((t) => t.attrs['data-pagefind-filter']).map((t) => t.attrs['data-pagefind-filter']);
  expect(filters.sort()).toEqual(['area', 'department', 'freshness', 'kind']);
  expect(chart).toMatch(/<span data-pagefind-filter="department">Climate and Environment HQ<\/span>/);
  expect(chart).toMatch(/<span data-pagefind-filter="area">Environment<\/span>/);
  const stale = await readFile(join(abs.out, 'ko/datasets/subway-ridership/index.html'), 'utf8');
  expect(stale).toMatch(/<span data-pagefind-filter="freshness">지연<\/span>/);
  const entry = await json(abs, 'pagefind/pagefind-entry.json');
  expect(Object.keys(entry.languages).sort()).toEqual(['en', 'ko']);
  expect(existsSync(join(abs.out, 'pagefind/pagefind.js'))).toBe(true);
  expect(existsSync(join(abs.out, 'pagefind/pagefind-ui.js'))).toBe(false);
  for (const lang of ['ko', 'en']) expect(existsSync(join(abs.out, lang, 'search/index.html'))).toBe(true);
  expect(await readFile(join(abs.out, '_headers'), 'utf8')).toBe(headersFile());
  // The catalog page links its search and open metadata.
  const catalog = await readFile(join(rel.out, 'ko/catalog/index.html'), 'utf8');
  expect(catalog).toContain('action="../search/"');
  expect(catalog).toContain('href="../../catalog.jsonld"');
  expect(catalog).toContain('href="../../datapackage.json"');
});
