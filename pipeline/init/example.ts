// The example a new catalog starts with: one dataset (a monthly count per library, read from a
// CSV the department exports), its row schema, a sample of invented figures, and one chart.
// Together they pass `citydash check` and build a site offline, so a city sees its dashboard
// before it has connected any real source, and has a working file to copy for the first one.

export const EXAMPLE = {
  area: 'culture',
  department: 'culture-tourism',
  dataset: 'library-visits-monthly',
  chart: 'library-visits-trend',
} as const;

const LIBRARIES = [
  ['중앙도서관', 'Central Library', 4210],
  ['어린이도서관', 'Children\'s Library', 2630],
  ['디지털도서관', 'Digital Library', 1480],
] as const;
const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];

/** Invented but plausible: a school-holiday peak in winter and summer, the same every run. */
function sampleCsv(): string {
  const season = [1.18, 1.1, 0.92, 0.95, 0.97, 1.0, 1.21, 1.24, 0.96, 0.94, 0.93, 1.05];
  const rows = MONTHS.flatMap((month, m) =>
    LIBRARIES.map(([ko, en, base], i) => `${month},${ko},${en},${Math.round(base * season[m] * (1 + 0.013 * ((m * 7 + i * 3) % 5)))}`));
  return `기준월,도서관,도서관(영문),방문자수\n${rows.join('\n')}\n`;
}

const datasetYaml = `# 예시 데이터셋 / Example dataset — 도서관별 월별 방문자 수 / visits per library and month.
# 실제 자료로 바꿀 때: 부서가 내보낸 CSV·엑셀을 samples/ 옆에 두고 extract.path를 고치거나,
# 웹 주소라면 kind: http와 url을 쓰세요. columns의 from에는 원본 머리글을 그대로 적습니다.
# To use real data: put the department's CSV or Excel export in this folder and point
# extract.path at it, or use kind: http with its url. columns.from lists the raw headers as written.
id: ${EXAMPLE.dataset}
title: {ko: 도서관별 월별 방문자 수, en: Library visits by month}
description:
  ko: >-
    시립 도서관마다 한 달 동안 출입한 방문자 수입니다. 예시 데이터(SAMPLE): citydash init이 만든
    가상의 수치이니 실제 자료로 바꾸세요.
  en: >-
    Visitors who entered each city library in a month. Sample data: invented figures written by
    citydash init; replace them with the real export.
department: {id: ${EXAMPLE.department}, ko: 문화관광국, en: Culture and Tourism Bureau}
# 문의처(개인 이름이 아닌 부서): 사이트의 의견 보내기 옆에 표시됩니다.
# Who answers questions about the data (an office, never a person's name):
# contact: {office: {ko: 문화관광국, en: Culture and Tourism Bureau}, phone: "02-120"}
licence: KOGL-1
keywords:
  ko: [도서관, 방문자, 문화]
  en: [libraries, visitors, culture]
# 시민사회와 합의한 갱신 주기 / the cadence agreed with civil society
update: {every: monthly}
extract:
  kind: file
  path: samples/${EXAMPLE.dataset}.csv
  format: csv
  encoding: auto        # auto | utf-8 | cp949
  sample: samples/${EXAMPLE.dataset}.csv
columns:
  month:
    from: [기준월]
    type: date
    format: yyyy-MM
    title: {ko: 기준 월, en: Month}
  library:
    from: [도서관]
    type: string
    title: {ko: 도서관, en: Library}
  # 영어 페이지에는 영어 이름을 씁니다 / English pages show the English name.
  library_en:
    from: [도서관(영문), 도서관 영문명]
    type: string
    title: {ko: 도서관(영문), en: Library (English)}
  visits:
    from: [방문자수, "방문자 수"]
    type: integer
    unit: 명
    title: {ko: 방문자 수, en: Visits}
    higherIsBetter: true
schema: schemas/${EXAMPLE.dataset}.schema.json
primaryKey: [month, library]
onInvalid: {action: drop-row, maxRatio: 0.01}
`;

const rowSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Library visits by month (도서관별 월별 방문자 수)',
  description: `One canonical row of ${EXAMPLE.dataset} after validation: dates yyyy-MM-dd, numbers as numbers.`,
  type: 'object',
  additionalProperties: false,
  required: ['month', 'library', 'library_en', 'visits'],
  properties: {
    month: { title: 'Month', type: 'string', format: 'date' },
    library: { title: 'Library', type: 'string', minLength: 1, maxLength: 60 },
    library_en: { title: 'Library (English)', type: 'string', minLength: 1, maxLength: 100 },
    visits: { title: 'Visits', type: ['integer', 'null'], minimum: 0, maximum: 10000000, description: 'unit: 명' },
  },
};

const chartYaml = `# 예시 차트 / Example chart. Vega-Lite: https://vega.github.io/vega-lite/docs/
# 데이터는 이름으로만 읽고 URL은 쓸 수 없습니다. Data is read by name only; no URLs.
id: ${EXAMPLE.chart}
area: ${EXAMPLE.area}
title: {ko: 도서관 방문자 수 추이, en: Library visits over the year}
description:
  ko: 시립 도서관마다 달마다 몇 명이 찾았는지 보여 줍니다. 방학이 있는 겨울과 여름에 방문자가 많습니다.
  en: How many people visited each city library every month; winter and summer holidays bring the most.
keywords:
  ko: [도서관, 방문자]
  en: [libraries, visits]
data: [${EXAMPLE.dataset}]
proposedBy: 문화관광국
spec:
  width: 560
  height: 300
  data: {name: ${EXAMPLE.dataset}}
  mark: {type: line, point: true}
  encoding:
    x: {field: month, type: temporal, timeUnit: yearmonth}
    y: {field: visits, type: quantitative}
    # 같은 도서관은 두 언어에서 같은 색 / the same colour for a library in both languages
    color: {field: library, type: nominal, sort: [${LIBRARIES.map(([ko]) => ko).join(', ')}]}
locales:
  en:
    encoding:
      color: {field: library_en, title: Library, sort: [${LIBRARIES.map(([, en]) => JSON.stringify(en)).join(', ')}]}
`;

/** Catalog-relative path -> content of the example's files. */
export function exampleFiles(): Record<string, string> {
  return {
    [`sources/${EXAMPLE.department}/${EXAMPLE.dataset}.yaml`]: datasetYaml,
    [`sources/${EXAMPLE.department}/samples/${EXAMPLE.dataset}.csv`]: sampleCsv(),
    [`schemas/${EXAMPLE.dataset}.schema.json`]: `${JSON.stringify(rowSchema, null, 2)}\n`,
    [`viz-specs/${EXAMPLE.area}/${EXAMPLE.chart}.yaml`]: chartYaml,
  };
}
