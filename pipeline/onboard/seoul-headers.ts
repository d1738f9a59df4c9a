// Headers that Seoul's departments and the Seoul Open API use again and again, with the
// canonical column name and titles the bundled catalog gives them. A header is looked up
// without its unit, spaces or case (`미세먼지 농도(㎍/㎥)` finds 미세먼지농도); API field
// codes (MSRSTE_NM) are listed beside the Korean words.

export interface KnownHeader {
  name: string;
  ko: string;
  en: string;
  /** The column holds time: read as a date or datetime when its values allow. */
  time?: boolean;
}

// [name, Korean title, English title, headers (Korean and API codes)]
const ENTRIES: [string, string, string, string[]][] = [
  // time
  ['date', '날짜', 'Date', ['측정일시', '측정일자', '측정일', '일자', '날짜', '기준일', '기준일자', '사용일자', '일시', '발생일자', '발생일', 'msrdt_de', 'use_dt', 'use_ymd', 'msrdt']],
  ['received_on', '접수일', 'Received on', ['접수일자', '접수일']],
  ['registered_on', '등록일', 'Registered on', ['등록일자', '등록일', 'reg_ymd', 'work_dt']],
  ['checked_on', '점검일', 'Checked on', ['점검일자', '점검일']],
  ['month', '월', 'Month', ['기준년월', '기준연월', '년월', '연월', '발생년월', '접수월', '년도-월', '연도-월', 'p_year_month', 'ym']],
  ['year', '연도', 'Year', ['연도', '년도', '기준연도', '기준년도', '회계연도', '년', 'year']],
  ['quarter', '분기', 'Quarter', ['분기', '기준분기']],
  ['hour', '시간', 'Hour', ['시간', '시간대', '시']],
  ['period', '기간', 'Period', ['기간']],
  // places
  ['gu', '자치구', 'Gu', ['자치구', '자치구명', '자치구 이름', '구', '구명', '구별', '시군구', '시군구명', '시군구 이름', 'gu', 'gu_nm', 'm_gu_name', 'sgg_nm']],
  ['district_code', '자치구 코드', 'Gu code', ['자치구코드', '자치구 코드', '구코드', '시군구코드', 'sgg_cd', 'gu_cd', 'm_gu_code', 'sig_cd']],
  ['dong', '행정동', 'Dong', ['행정동', '행정동명', '동', '동명', '법정동', '법정동명', 'adstrd_nm', 'dong_nm']],
  ['dong_code', '행정동 코드', 'Dong code', ['행정동코드', '법정동코드', 'adstrd_cd']],
  ['station', '측정소', 'Station', ['측정소명', '측정소', 'msrste_nm']],
  ['subway_station', '역', 'Station', ['역명', '지하철역', '역', 'sub_sta_nm', 'sbwy_stns_nm']],
  ['line', '노선', 'Line', ['노선명', '호선', '호선명', '노선', 'line_num', 'sbwy_rout_ln_nm']],
  ['address', '주소', 'Address', ['주소', '소재지', '도로명주소', '지번주소', '소재지도로명주소']],
  ['lat', '위도', 'Latitude', ['위도', 'lat', 'latitude', 'stationlatitude']],
  ['lon', '경도', 'Longitude', ['경도', 'lon', 'lng', 'longitude', 'stationlongitude']],
  ['agency', '기관', 'Agency', ['기관명', '기관', '처리기관']],
  ['department', '부서', 'Department', ['부서명', '부서', '실국명', '실국', '담당부서']],
  // air quality
  ['no2', '이산화질소', 'NO₂', ['이산화질소농도', '이산화질소', 'no2']],
  ['o3', '오존', 'Ozone', ['오존농도', '오존', 'o3']],
  ['co', '일산화탄소', 'CO', ['일산화탄소농도', '일산화탄소', 'co']],
  ['co2', '이산화탄소', 'CO₂', ['이산화탄소농도', '이산화탄소', 'co2']],
  ['so2', '아황산가스', 'SO₂', ['아황산가스농도', '아황산가스', 'so2']],
  ['pm10', '미세먼지(PM10)', 'PM10', ['미세먼지농도', '미세먼지', 'pm10']],
  ['pm25', '초미세먼지(PM2.5)', 'PM2.5', ['초미세먼지농도', '초미세먼지', 'pm25', 'pm2.5']],
  ['cai', '통합대기환경지수', 'Air quality index', ['통합대기환경지수', 'idex_mvl']],
  // transport
  ['boardings', '승차 승객', 'Boardings', ['승차총승객수', '승차승객수', '승차인원', 'ride_pasgr_num', 'gton_tnope']],
  ['alightings', '하차 승객', 'Alightings', ['하차총승객수', '하차승객수', '하차인원', 'alight_pasgr_num', 'gtoff_tnope']],
  ['rentals', '대여 건수', 'Rentals', ['대여건수', '이용건수']],
  ['returns', '반납 건수', 'Returns', ['반납건수']],
  ['racks', '거치대', 'Racks', ['거치대수', 'racktotcnt']],
  ['bikes', '주차 자전거', 'Bikes parked', ['자전거주차총건수', 'parkingbiketotcnt']],
  ['station_id', '대여소 ID', 'Station ID', ['대여소id', '대여소번호', 'stationid']],
  ['station_name', '대여소', 'Station', ['대여소명', 'stationname']],
  // population
  ['population', '인구', 'Residents', ['인구', '인구수', '총인구', '인구합계', '주민등록인구']],
  ['households', '세대', 'Households', ['세대', '세대수', '가구수']],
  ['male', '남자', 'Men', ['남자', '남', '남자인구']],
  ['female', '여자', 'Women', ['여자', '여', '여자인구']],
  ['koreans', '한국인', 'Koreans', ['한국인', '내국인']],
  ['foreigners', '외국인', 'Foreigners', ['외국인', '등록외국인']],
  ['elderly', '65세 이상', 'Aged 65+', ['65세이상고령자', '65세이상', '고령자']],
  // money
  ['budget', '예산', 'Budget', ['예산', '예산액']],
  ['budget_original', '본예산', 'Original budget', ['본예산']],
  ['budget_final', '최종예산', 'Final budget', ['최종예산', '예산현액']],
  ['spent', '집행액', 'Spent', ['집행액', '지출액']],
  ['execution_rate', '집행률', 'Execution rate', ['집행률', '집행율']],
  ['amount', '금액', 'Amount', ['금액']],
  ['price', '가격', 'Price', ['가격', '판매가격', 'a_price']],
  // counts and labels
  ['category', '구분', 'Category', ['구분', '분류', '유형', '분야', '민원분야']],
  ['item', '품목', 'Item', ['품목', '품목명', '품목 이름', '항목', '항목명', 'a_name']],
  ['name', '이름', 'Name', ['명칭', '이름', '시설명', '장소명', '업소명']],
  ['count', '건수', 'Count', ['건수', '발생건수', '횟수']],
  ['received', '접수 건수', 'Received', ['접수건수']],
  ['resolved', '처리 건수', 'Resolved', ['처리건수']],
  ['avg_days', '평균 처리 일수', 'Average days to resolve', ['평균처리일수', '평균처리기간']],
  ['complaints', '민원 건수', 'Complaints', ['민원건수']],
  ['cctv', 'CCTV', 'CCTV cameras', ['cctv', 'cctv대수', 'cctv수']],
  ['area', '면적', 'Area', ['면적']],
  ['capacity', '정원', 'Capacity', ['정원', '수용인원', '수용정원']],
  ['users', '이용자', 'Users', ['이용자', '이용자수', '이용인원', '이용객수']],
  ['visitors', '방문자', 'Visitors', ['방문자수', '방문객수', '관람객수']],
  ['facilities', '시설 수', 'Facilities', ['시설수', '개소수']],
  ['rate', '비율', 'Rate', ['비율', '비중', '구성비']],
  ['open', '운영 여부', 'Open', ['운영여부']],
  ['fires', '화재 건수', 'Fires', ['화재건수', '화재발생건수']],
  ['deaths', '사망자', 'Deaths', ['사망자수', '사망자', '사망']],
  ['injuries', '부상자', 'Injuries', ['부상자수', '부상자', '부상']],
  ['damage', '재산 피해', 'Property damage', ['재산피해액', '재산피해']],
  ['total', '합계', 'Total', ['합계', '계', '총계', '전체']],
  ['subtotal', '소계', 'Subtotal', ['소계']],
  ['note', '비고', 'Note', ['비고', '참고', '주석', 'add_col']],
  ['seq', '일련번호', 'Record number', ['연번', '순번', '번호', '일련번호', 'no', 'p_seq']],
];

const TIME = new Set(['date', 'received_on', 'registered_on', 'checked_on', 'month']);

/** Lookup form: no unit (already split off), no spaces, no case, compatibility forms folded. */
export function headerKey(base: string): string {
  return base.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const BY_HEADER = new Map<string, KnownHeader>();
for (const [name, ko, en, headers] of ENTRIES) {
  for (const h of headers) BY_HEADER.set(headerKey(h), { name, ko, en, ...(TIME.has(name) ? { time: true } : {}) });
}

/** The known column a header (without its unit) names, if any. */
export function knownHeader(base: string): KnownHeader | undefined {
  return BY_HEADER.get(headerKey(base));
}
