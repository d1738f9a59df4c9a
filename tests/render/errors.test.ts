import { BoundaryDataError, ChartRenderError, createRenderer } from '../../pipeline/render/index.ts';
import type { ChartDescriptor } from '../../pipeline/types.ts';
import { allColumns, allData, barRanking, guMap, readTopo } from './fixtures.ts';

const renderer = createRenderer();

function withSpec(spec: Record<string, unknown>, extra: Partial<ChartDescriptor> = {}): ChartDescriptor {
  return { ...barRanking, id: 'broken', file: 'viz-specs/test/broken.yaml', spec, locales: undefined, ...extra };
}

async function failure(chart: ChartDescriptor): Promise<ChartRenderError> {
  try {
    await renderer.renderChart(chart, 'ko', allData(), allColumns);
  } catch (e) {
    expect(e).toBeInstanceOf(ChartRenderError);
    return e as ChartRenderError;
  }
  throw new Error('expected the chart to fail');
}

test('unknown dataset: names the chart file, the chart and the dataset', async () => {
  const e = await failure(withSpec({ data: { name: 'air-quality' }, mark: 'bar' }));
  expect(e.message).toBe('viz-specs/test/broken.yaml: chart "broken" (ko): data: unknown dataset "air-quality": the chart\'s data list is [cctv]');
  expect(e).toMatchObject({ chartFile: 'viz-specs/test/broken.yaml', chartId: 'broken', lang: 'ko', part: 'data' });
});

test('a listed dataset without rows (it failed this cycle) is named', async () => {
  const e = await failure(withSpec({ data: { name: 'population' }, mark: 'bar' }, { data: ['cctv', 'population'] }));
  expect(e.message).toContain('data: no rows were given for dataset "population"');
});

test('a misspelt field is named with its channel and the dataset\'s columns', async () => {
  const e = await failure(withSpec({ data: { name: 'cctv' }, mark: 'bar', encoding: { x: { field: 'cctv_totl', type: 'quantitative' }, y: { field: 'gu_ko', type: 'nominal' } } }));
  expect(e.part).toBe('field');
  expect(e.message).toMatch(/^viz-specs\/test\/broken\.yaml: chart "broken" \(ko\): field: encoding\.x: field "cctv_totl" not found in dataset "cctv" \(columns: .*cctv_total/);
});

test('fields made by transforms are not reported', async () => {
  const chart = withSpec({
    data: { name: 'cctv' },
    transform: [{ calculate: 'datum.cctv_total / 1000', as: 'thousands' }],
    mark: 'bar',
    encoding: { x: { field: 'thousands', type: 'quantitative' }, y: { field: 'gu_ko', type: 'nominal' } },
  });
  await expect(renderer.renderChart(chart, 'ko', allData(), allColumns)).resolves.toMatchObject({ id: 'broken' });
});

test('data URLs are refused before anything is loaded', async () => {
  const e = await failure(withSpec({ data: { url: 'file:///etc/passwd' }, mark: 'bar' }));
  expect(e.message).toContain('data: data URLs are not allowed (found url "file:///etc/passwd")');
});

test('an unknown mark type is named', async () => {
  const e = await failure(withSpec({ data: { name: 'cctv' }, mark: 'banana' }));
  expect(e.part).toBe('spec');
  expect(e.message).toContain('spec: unknown mark type "banana" (one of: arc, area, bar');
});

test('an expression Vega-Lite cannot parse fails in vega-lite', async () => {
  const e = await failure(withSpec({ data: { name: 'cctv' }, transform: [{ calculate: 'datum.cctv_total +', as: 'x' }], mark: 'bar', encoding: { x: { field: 'x', type: 'quantitative' } } }));
  expect(e.part).toBe('vega-lite');
});

test('an unknown expression function fails in vega, and is named', async () => {
  const e = await failure(withSpec({ data: { name: 'cctv' }, transform: [{ calculate: 'nosuchfn(datum.cctv_total)', as: 'x' }], mark: 'bar', encoding: { x: { field: 'x', type: 'quantitative' } } }));
  expect(e.part).toBe('vega');
  expect(e.message).toBe('viz-specs/test/broken.yaml: chart "broken" (ko): vega: Unrecognized function: nosuchfn');
});

test('a broken label expression fails in vega', async () => {
  const e = await failure(withSpec({ data: { name: 'cctv' }, mark: 'bar', encoding: { x: { field: 'cctv_total', type: 'quantitative', axis: { labelExpr: 'datum.label +' } } } }));
  expect(e.message).toBe('viz-specs/test/broken.yaml: chart "broken" (ko): vega: Expression parse error: (datum.label +)');
});

test('Vega-Lite warnings are kept with the result', async () => {
  const r = await renderer.renderChart(withSpec({ data: { name: 'cctv' }, mark: 'bar', encoding: { x: { field: 'cctv_total', type: 'quantitative', scale: { type: 'nonsense' } } } }), 'ko', allData(), allColumns);
  expect(r.warnings).toEqual(['Channel "x" does not work with "nonsense" scale. We are using "linear" scale instead.']);
});

test('a gu map without map settings', async () => {
  const e = await failure({ ...guMap, map: undefined });
  expect(e.message).toContain('data: template gu-map needs map: {dataset, value, code?}');
});

test('a failing chart is counted and the renderer goes on', async () => {
  const r = createRenderer();
  await expect(r.renderChart(withSpec({ data: { name: 'nope' } }), 'en', allData(), allColumns)).rejects.toThrow(ChartRenderError);
  await expect(r.renderChart(barRanking, 'en', allData(), allColumns)).resolves.toMatchObject({ id: 'cctv-ranking', lang: 'en' });
  expect(r.stats()).toEqual({ rendered: 1, cached: 0, failed: 1 });
});

test('unusable boundaries are refused when the renderer is made', () => {
  expect(() => createRenderer({ geo: { topojson: readTopo(), object: 'seoul' } })).toThrow(BoundaryDataError);
  expect(() => createRenderer({ geo: { topojson: readTopo(), object: 'seoul' } })).toThrow(
    'gu boundaries: object "seoul" is not a GeometryCollection in this TopoJSON (objects: seoul_municipalities_geo)',
  );
  expect(() => createRenderer({ geo: { topojson: { type: 'FeatureCollection' }, object: 'x' } })).toThrow(BoundaryDataError);
});

test('an href channel is dropped: the chart renders and its SVG links nowhere', async () => {
  const chart = withSpec({
    data: { name: 'cctv' }, mark: { type: 'bar', href: 'javascript:alert(1)' },
    encoding: { x: { field: 'cctv_total', type: 'quantitative' }, y: { field: 'gu_ko', type: 'nominal' }, href: { value: 'javascript:alert(1)' } },
  });
  const r = await renderer.renderChart(chart, 'ko', allData(), allColumns);
  expect(r.svg).toContain('role="img"');
  expect(r.svg).not.toMatch(/javascript:|<a\b/);
});

test('a chart whose computed size is too big to rasterise fails before resvg allocates it', async () => {
  // every written size is within the catalog's 4000 px, but 25 gu × 3000 px steps is 75,000 px
  const e = await failure(withSpec({ data: { name: 'cctv' }, mark: 'bar', width: { step: 3000 }, encoding: { x: { field: 'gu_ko', type: 'nominal' }, y: { field: 'cctv_total', type: 'quantitative' } } }));
  expect(e.part).toBe('vega');
  expect(e.message).toMatch(/^viz-specs\/test\/broken\.yaml: chart "broken" \(ko\): vega: the chart is drawn \d+ × \d+ px \(at most 8000 px a side and 16 million px in all\)$/);
});

test('a heap budget too small to load the renderer fails every chart once, with the budget named, and starts no process loop', async () => {
  const starved = createRenderer({ budgets: { chartMemoryMb: 8, chartSeconds: 60 } });
  const chart = withSpec({ data: { name: 'cctv' }, mark: 'bar', encoding: { x: { field: 'cctv_total', type: 'quantitative' }, y: { field: 'gu_ko', type: 'nominal' } } });
  for (const lang of ['ko', 'en'] as const) {
    await expect(starved.renderChart(chart, lang, allData(), allColumns)).rejects.toThrow(/^viz-specs\/test\/broken\.yaml: chart "broken" \((ko|en)\): render: charts cannot be rendered: .*its 8 MB heap \(budgets\.chartMemoryMb\) is too small to load the renderer$/);
  }
  expect(starved.stats()).toEqual({ rendered: 0, cached: 0, failed: 2 });
});

test('an expression that fills its heap is stopped at the memory budget and fails alone; the next chart renders', async () => {
  // A clock far longer than any machine needs to fill 192 MB, so the heap is what stops it even
  // on a loaded machine (the CLI's budget test runs both bombs under one short clock).
  const budgeted = createRenderer({ budgets: { chartMemoryMb: 192, chartSeconds: 600 } });
  const bar = { mark: 'bar', encoding: { x: { field: 'cctv_total', type: 'quantitative' }, y: { field: 'gu_ko', type: 'nominal' } } };
  const bomb = withSpec({ data: { name: 'cctv' }, transform: [{ calculate: 'length(sequence(0, 100000000))', as: 'n' }], ...bar });
  await expect(budgeted.renderChart(bomb, 'ko', allData(), allColumns)).rejects.toThrow(
    /^viz-specs\/test\/broken\.yaml: chart "broken" \(ko\): budget: used more than the 192 MB memory budget \(budgets\.chartMemoryMb in citydash\.yaml\); stopped$/,
  );
  const fine = await budgeted.renderChart(withSpec({ data: { name: 'cctv' }, ...bar }, { id: 'fine' }), 'ko', allData(), allColumns);
  expect(fine.svg).toContain('<svg');
  expect(budgeted.stats()).toEqual({ rendered: 1, cached: 0, failed: 1 });
});
