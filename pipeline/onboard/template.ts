// `citydash new dataset` without --from: a commented starting descriptor, its row schema and
// a two-row sample CSV, which together pass `citydash check` and validate as written.
import { descriptorHeader } from './descriptor-header.ts';

const q = (s: string) => JSON.stringify(s);

export interface NewDatasetFiles {
  /** Catalog-relative path -> content. */
  [path: string]: string;
}

export function newDatasetFiles(id: string, department: { id: string; ko: string; en: string }): NewDatasetFiles {
  const dir = `sources/${department.id}`;
  const descriptor = `${descriptorHeader(id, false)}
# 데이터셋 id: 소문자·숫자·하이픈, 파일 이름과 같아야 하며 한 번 공개하면 바꾸지 않습니다.
# Dataset id: lowercase letters, digits and dashes; equals the file name; never changes once published.
id: ${id}
title:
  ko: ${q('데이터셋 이름')}
  en: ${q('Dataset name')}
description:
  ko: ${q('무엇을 언제, 어떻게 잰 자료인지 적어 주세요.')}
  en: ${q('Say what was measured, when and how.')}
# 자료를 내는 부서 / the department that publishes it
department: {id: ${department.id}, ko: ${q(department.ko)}, en: ${q(department.en)}}
# 문의를 받는 부서와 연락처(개인 이름·번호는 쓰지 않습니다) / the office answerable for it (no personal names or numbers)
# contact: {office: {ko: ${q(department.ko)}, en: ${q(department.en)}}, phone: "02-120"}
# 시민이 검색할 낱말 / words citizens search with
# keywords: {ko: [...], en: [...]}
# 공공누리 제1유형(KOGL-1) 또는 SPDX 라이선스 id / KOGL-1 or an SPDX licence id
licence: KOGL-1
# homepage: https://data.seoul.go.kr/dataList/...
# 갱신 주기 / how often it changes: hourly, daily, weekly, monthly, quarterly, yearly
update: {every: monthly}

# 어디서 가져오는지. Where the data comes from.
#   kind: file          — 저장소 안의 파일 / a file in the repository (path)
#   kind: http          — 웹 주소 / a URL (url, format: csv | xlsx | json)
#   kind: seoul-openapi — 서울 열린데이터광장 API / Seoul Open API (service, params; key from SEOUL_API_KEY)
# 네트워크 자료는 sample(예시 파일)이 있어야 오프라인 빌드와 PR 미리보기가 됩니다.
# Network sources need a sample so offline builds and pull-request previews have data.
extract:
  kind: file
  path: samples/${id}.csv
  format: csv
  encoding: auto        # auto | utf-8 | cp949
  # 이 두 줄짜리 예시 자료는 사이트에 "예시 자료"로 표시됩니다. path를 실제 파일로 바꾸면 이 줄을 지우세요
  # (파일이 있으면 \`citydash new dataset --from 파일\`이 전부 추정해 줍니다).
  # The two-row placeholder is labelled sample data on the site. Delete this line once path names the real
  # file (or start over with \`citydash new dataset --from FILE\`, which infers all of this from the file).
  sample: samples/${id}.csv

# 열: 정식 이름 <- 원본 머리글(from), 형식(type), 단위(unit), 제목(title).
# Columns: canonical name <- raw headers (from), type, unit and title.
# type: string | integer | number | date | datetime | boolean
columns:
  date:
    from: [날짜]
    type: date
    format: yyyy-MM-dd
    title: {ko: 날짜, en: Date}
  gu:
    from: [자치구]
    type: string
    title: {ko: 자치구, en: Gu}
  value:
    from: [값]
    type: number
    unit: 건
    title: {ko: 값, en: Value}

# 자치구 열이 있으면 25개 구에 맞춥니다(gu_code, gu_ko, gu_en이 생깁니다).
# Conform a district column to the 25 gu (adds gu_code, gu_ko, gu_en).
district: {from: gu}
# 한 행의 JSON Schema / JSON Schema of one row
schema: schemas/${id}.schema.json
# 행을 하나로 정하는 열 / columns that identify a row
primaryKey: [date, gu]
# 잘못된 행: 버리기(drop-row, 비율 한도 maxRatio) 또는 전체 실패(fail-dataset)
# Invalid rows: drop them (up to maxRatio) or fail the whole dataset.
onInvalid: {action: drop-row, maxRatio: 0.01}
`;
  const nullableString = (maxLength: number, pattern?: string) => ({ type: ['string', 'null'], maxLength, ...(pattern ? { pattern } : {}) });
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${id}: one row`,
    type: 'object',
    additionalProperties: false,
    required: ['date', 'gu', 'value', 'gu_code', 'gu_ko', 'gu_en'],
    properties: {
      date: { type: 'string', format: 'date' },
      gu: { type: 'string', minLength: 1, maxLength: 20 },
      value: { type: ['number', 'null'], minimum: 0 },
      gu_code: nullableString(5, '^11[0-9]{3}$'),
      gu_ko: nullableString(10),
      gu_en: nullableString(30),
    },
  };
  return {
    [`${dir}/${id}.yaml`]: descriptor,
    [`${dir}/samples/${id}.csv`]: '날짜,자치구,값\n2025-01-01,종로구,12\n2025-01-01,중구,7\n',
    [`schemas/${id}.schema.json`]: `${JSON.stringify(schema, null, 2)}\n`,
  };
}
