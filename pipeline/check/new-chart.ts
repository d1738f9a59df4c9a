// `citydash new chart`: a commented starting chart for one dataset, picked from its columns
// (a line over time, or bars by gu/category), that passes `citydash check` as written.
import type { DatasetDescriptor } from '../types.ts';

const q = (s: string) => JSON.stringify(s);

interface Pick {
  mark: 'line' | 'bar';
  encoding: string[];
  measure: string;
}

/** Chooses what to draw: time on x when there is a date, else categories; a numeric measure. */
function pick(ds: DatasetDescriptor): Pick {
  const cols = Object.entries(ds.columns);
  const time = cols.find(([, c]) => c.type === 'date' || c.type === 'datetime')?.[0];
  const measure = cols.find(([, c]) => c.type === 'integer' || c.type === 'number')?.[0];
  const category = ds.district ? 'gu_ko' : cols.find(([n, c]) => c.type === 'string' && n !== time)?.[0];
  const y = measure
    ? `y: {field: ${measure}, type: quantitative, aggregate: mean}   # 값 / the measured value (mean per ${time ? 'date' : 'category'})`
    : 'y: {aggregate: count, type: quantitative}';
  if (time) return { mark: 'line', measure: measure ?? 'count', encoding: [`x: {field: ${time}, type: temporal}   # 시간 / time`, y] };
  const x = measure ? `x: {field: ${measure}, type: quantitative, aggregate: mean}` : 'x: {aggregate: count, type: quantitative}';
  const cat = category ?? Object.keys(ds.columns)[0];
  return { mark: 'bar', measure: measure ?? 'count', encoding: [`y: {field: ${cat}, type: nominal, sort: -x}   # 범주 / categories, longest bar first`, `${x}   # 값 / the value`] };
}

export function newChartYaml(id: string, area: string, ds: DatasetDescriptor): string {
  const { mark, encoding } = pick(ds);
  return `# 새 차트 / New chart — ${id}
# 이 파일을 고친 뒤 \`npx citydash check\`로 검사하세요. 키 이름은 바꾸지 마세요.
# Edit this file, then run \`npx citydash check\`. Keep the key names as they are.

# 차트 id: 소문자·숫자·하이픈, 파일 이름과 같아야 하고 한 번 정하면 바꾸지 않습니다.
# Chart id: lowercase letters, digits and dashes; equals the file name; never changes once published.
id: ${id}

# 홈페이지에서 이 차트가 속하는 분야 (citydash.yaml의 areas, 그리고 이 파일이 있는 폴더 이름).
# The home-page area (listed in citydash.yaml areas; also the name of this file's folder).
area: ${area}

# 제목과 설명은 한국어(ko)와 영어(en)를 모두 씁니다. Title and description in both languages.
title:
  ko: ${q(`${ds.title.ko} 차트`)}
  en: ${q(`${ds.title.en} chart`)}
description:
  ko: ${q('이 차트가 무엇을 보여 주는지, 왜 중요한지 한두 문장으로 적어 주세요.')}
  en: ${q('Say in a sentence or two what this chart shows and why it matters.')}

# 대체 텍스트(화면 낭독기용). 쓰지 않으면 자료에서 자동으로 만듭니다.
# Alt text for screen readers; drafted from the data when left out.
# alt:
#   ko: ...
#   en: ...

# 시민이 검색할 낱말(두 언어 모두 검색됩니다). Words citizens search with (both languages are searched).
# keywords: {ko: [...], en: [...]}

# 차트가 읽는 데이터셋 id (sources/ 아래 파일). Datasets the chart reads (ids of files in sources/).
data: [${ds.id}]

# 제안한 단체나 부서. Who proposes the chart (organisation or department).
# proposedBy: ...

# Vega-Lite 명세: https://vega.github.io/vega-lite/docs/ — 데이터는 이름으로만 읽고 URL은 쓸 수 없습니다.
# Vega-Lite spec: data is read by name only; URLs are not allowed.
# 열 이름 / columns of ${ds.id}: ${Object.keys(ds.columns).join(', ')}${ds.district ? ', gu_code, gu_ko, gu_en' : ''}
spec:
  width: 560
  height: 300
  data: {name: ${ds.id}}
  mark: ${mark}
  encoding:
    ${encoding.join('\n    ')}

# 언어별로 바꿀 부분(축 제목 등). Per-language changes (axis titles, formats), merged over spec.
# locales:
#   en:
#     encoding:
#       y: {title: "..."}
`;
}
