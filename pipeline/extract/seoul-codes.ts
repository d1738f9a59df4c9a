// Result codes of the Seoul Open API (openapi.seoul.go.kr:8088), with the Korean message the
// service sends (used when a response carries a code but no message) and an English
// translation for operators who do not read Korean. Source: the "출력값 / 메시지 설명"
// tables on every service page of data.seoul.go.kr.

export interface SeoulCode {
  ko: string;
  en: string;
  /** Server-side trouble that may pass: the page is requested again with backoff. */
  transient?: boolean;
}

export const SEOUL_OK = 'INFO-000';
export const SEOUL_NO_DATA = 'INFO-200';

export const SEOUL_CODES: Readonly<Record<string, SeoulCode>> = {
  'INFO-000': { ko: '정상 처리되었습니다', en: 'OK' },
  'INFO-100': {
    ko: '인증키가 유효하지 않습니다. 인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.',
    en: 'The API key is not valid. Check SEOUL_API_KEY, or apply for a key on data.seoul.go.kr.',
  },
  'INFO-200': { ko: '해당하는 데이터가 없습니다.', en: 'No data matches the request.' },
  'ERROR-300': {
    ko: '필수 값이 누락되어 있습니다. 요청인자를 참고 하십시오.',
    en: 'A required value is missing. Check the request parameters (extract.params).',
  },
  'ERROR-301': {
    ko: '파일타입 값이 누락 혹은 유효하지 않습니다. 요청인자 중 TYPE을 확인하십시오.',
    en: 'The file type (TYPE) is missing or not valid.',
  },
  'ERROR-310': {
    ko: '해당하는 서비스를 찾을 수 없습니다. 요청인자 중 SERVICE를 확인하십시오.',
    en: 'No such service. Check the service name (extract.service).',
  },
  'ERROR-331': {
    ko: '요청시작위치 값을 확인하십시오. 요청인자 중 START_INDEX를 확인하십시오.',
    en: 'The start index (START_INDEX) is not valid.',
  },
  'ERROR-332': {
    ko: '요청종료위치 값을 확인하십시오. 요청인자 중 END_INDEX를 확인하십시오.',
    en: 'The end index (END_INDEX) is not valid.',
  },
  'ERROR-333': {
    ko: '요청위치 값의 타입이 유효하지 않습니다. 요청위치 값은 정수를 입력하세요.',
    en: 'The start and end indexes must be integers.',
  },
  'ERROR-334': {
    ko: '요청종료위치 보다 요청시작위치가 더 큽니다. 요청시작조회건수는 정수를 입력하세요.',
    en: 'The start index is greater than the end index.',
  },
  'ERROR-335': {
    ko: '샘플데이터(샘플키:sample) 는 한번에 최대 5건을 넘을 수 없습니다. 요청시작위치와 요청종료위치 값은 1 ~ 5 사이만 가능합니다.',
    en: "The public demo key ('sample') serves rows 1 to 5 only; use a real key for more.",
  },
  'ERROR-336': {
    ko: '데이터요청은 한번에 최대 1000건을 넘을 수 없습니다. 요청시작위치와 요청종료위치 값은 1000 이내로 입력하세요.',
    en: 'At most 1,000 rows can be requested at a time (end - start + 1 <= 1000).',
  },
  'ERROR-500': {
    ko: '서버 오류입니다. 지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.',
    en: 'Server error at the Seoul Open Data Plaza; if it persists, report it to them (Q&A).',
    transient: true,
  },
  'ERROR-600': {
    ko: '데이터베이스 연결 오류입니다. 지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.',
    en: 'The service could not reach its database; if it persists, report it to the Seoul Open Data Plaza.',
    transient: true,
  },
  'ERROR-601': {
    ko: 'SQL 문장 오류 입니다. 지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.',
    en: "The service's own SQL query failed (usually a bad parameter value); if it persists, report it to the Seoul Open Data Plaza.",
  },
};

/** English for a code, with a pointer for codes this table does not know. */
export function translateSeoulCode(code: string): string {
  return SEOUL_CODES[code]?.en ?? 'Unknown result code; see the service page on data.seoul.go.kr.';
}

export function isTransientSeoulCode(code: string): boolean {
  return SEOUL_CODES[code]?.transient === true;
}
