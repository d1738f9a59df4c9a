// Fixture charts and rows for the render tests. The CCTV rows come from the real Seoul file in
// tests/fixtures/seoul; the monthly series is fixed numbers.
import { readFileSync } from 'node:fs';
import { conformDistrict } from '../../pipeline/districts.ts';
import type { ChartDescriptor, ColumnSpec, Row } from '../../pipeline/types.ts';
import { realData } from '../helpers/paths.ts';

/** `seoul-cctv-by-gu.utf8bom.csv`: gu name, total cameras, and yearly installs. */
export function cctvRows(): Row[] {
  const text = readFileSync(realData('seoul-cctv-by-gu.utf8bom.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [, ...lines] = text.trim().split(/\r?\n/);
  return lines.map((line) => {
    const [name, total, , , , y2016] = line.split(',').map((s) => s.replace(/^"|"$/g, ''));
    const gu = conformDistrict(name);
    if (!gu) throw new Error(`fixture: no gu for ${name}`);
    return { gu_code: gu.code, gu_ko: gu.ko, gu_en: gu.en, cctv_total: Number(total), installed_2016: Number(y2016) };
  });
}

export const cctvColumns: Record<string, ColumnSpec> = {
  cctv_total: { from: ['소계'], type: 'integer', unit: '대', title: { ko: 'CCTV 설치 대수', en: 'CCTV cameras' } },
  installed_2016: { from: ['2016년'], type: 'integer', unit: '대', title: { ko: '2016년 신규 설치', en: 'Installed in 2016' } },
};

const PM25 = [30.1, 29.8, 27.1, 23.1, 19.1, 11.3, 11.0, 13.4, 18.1, 24.1, 25.1, 29.8, 32.1, 31.8, 29.1, 20.1, 16.1, 13.4, 13.1, 15.4, 15.1, 21.1, 27.1, 31.8];

/** Seoul-wide monthly PM2.5, Jan 2024 .. Dec 2025, dates as validated ("yyyy-MM-dd"). */
export function monthlyRows(): Row[] {
  return PM25.map((pm25, i) => ({
    month: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
    pm25,
    riders: 1_000_000 + i * 12_345,
  }));
}

export const monthlyColumns: Record<string, ColumnSpec> = {
  month: { from: ['월'], type: 'date', title: { ko: '측정 월', en: 'Month' } },
  pm25: { from: ['PM25'], type: 'number', unit: '㎍/㎥', title: { ko: '초미세먼지 농도', en: 'PM2.5' } },
  riders: { from: ['승차'], type: 'integer', unit: '명', title: { ko: '승차 인원', en: 'Riders' } },
};

function chart(id: string, extra: Partial<ChartDescriptor>): ChartDescriptor {
  return {
    id,
    area: 'test',
    title: { ko: `${id} 차트`, en: `${id} chart` },
    description: { ko: '', en: '' },
    data: ['cctv'],
    file: `viz-specs/test/${id}.yaml`,
    spec: {},
    ...extra,
  };
}

export const barRanking = chart('cctv-ranking', {
  title: { ko: '자치구별 CCTV 설치 대수', en: 'CCTV cameras by gu' },
  spec: {
    data: { name: 'cctv' },
    mark: 'bar',
    encoding: {
      y: { field: 'gu_ko', type: 'nominal', sort: '-x' },
      x: { field: 'cctv_total', type: 'quantitative' },
    },
  },
  locales: { en: { encoding: { y: { field: 'gu_en' } } } },
});

export const lineSeries = chart('pm25-monthly', {
  title: { ko: '서울 월평균 초미세먼지', en: 'Monthly PM2.5 in Seoul' },
  data: ['air-monthly'],
  spec: {
    width: 480,
    height: 220,
    data: { name: 'air-monthly' },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'yearmonth' },
      y: { field: 'pm25', type: 'quantitative' },
      tooltip: [{ field: 'month', type: 'temporal', timeUnit: 'yearmonth' }, { field: 'pm25', type: 'quantitative' }],
    },
  },
});

export const guMap = chart('cctv-map', {
  title: { ko: '자치구별 CCTV', en: 'CCTV by gu' },
  template: 'gu-map',
  map: { dataset: 'cctv', value: 'cctv_total', code: 'gu_code' },
});

/** Expressions everywhere: calculate, filter, labelExpr and a selection parameter. */
export const expressionChart: ChartDescriptor = {
  ...barRanking,
  id: 'cctv-expressions',
  locales: undefined,
  spec: {
    data: { name: 'cctv' },
    params: [{ name: 'pick', select: { type: 'point', fields: ['gu_ko'] } }],
    transform: [
      { calculate: "datum.cctv_total / 1000 + (datum.gu_ko === '강남구' ? 0 : 0)", as: 'thousands' },
      { filter: 'datum.thousands >= 1.5 && indexof(datum.gu_ko, "구") > 0' },
    ],
    mark: 'bar',
    encoding: {
      y: { field: 'gu_ko', type: 'nominal', sort: '-x', axis: { labelExpr: "'[' + datum.label + ']'" } },
      x: { field: 'thousands', type: 'quantitative', title: '천 대', axis: { format: ',.1f' } },
      color: { condition: { param: 'pick', value: '#D55E00' }, value: '#0072B2' },
    },
  },
};

export const allData = (): Record<string, Row[]> => ({ cctv: cctvRows(), 'air-monthly': monthlyRows() });
export const allColumns = { cctv: cctvColumns, 'air-monthly': monthlyColumns };

export function readTopo(): object {
  return JSON.parse(readFileSync(realData('seoul-gu-boundaries.topo.json'), 'utf8')) as object;
}
export const TOPO_OBJECT = 'seoul_municipalities_geo';

/** Width and height from a PNG's IHDR chunk; throws when the signature is wrong. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(...png.slice(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Text content of every <text> element, unescaped. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

/** The SVG size from its root attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg\b[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('svg without width/height');
  return { width: Number(m[1]), height: Number(m[2]) };
}
