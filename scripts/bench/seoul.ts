// The shape of Seoul's daily air-quality file (OA-2218) as the city publishes it: Korean headers
// with units, the 25 gu stations mixed with roadside and background stations that belong to no
// single gu, dates as yyyyMMdd. The bench generates its inputs in exactly this shape.
import { GU } from '../../pipeline/districts.ts';

export const ROADSIDE = [
  '강남대로', '강변북로', '공항대로', '도산대로', '동작대로', '신촌로', '영등포로', '정릉로', '종로', '천호대로',
  '청계천로', '한강대로', '홍릉로', '화랑로', '시흥대로',
] as const;
export const BACKGROUND = ['행주', '세곡', '북한산', '남산', '궁동', '관악산'] as const;

/** Stations in the order the city's file lists them within a day (sorted by name). */
export const STATIONS: readonly string[] = [...GU.map((g) => g.ko), ...ROADSIDE, ...BACKGROUND].sort();

export const AIR_HEADERS = [
  '측정일시', '측정소명', '이산화질소농도(ppm)', '오존농도(ppm)', '일산화탄소농도(ppm)', '아황산가스농도(ppm)',
  '미세먼지농도(㎍/㎥)', '초미세먼지농도(㎍/㎥)',
] as const;

/** Stations that conform to no gu: counted as unmatched by validate, never dropped. */
export const UNMATCHED_STATIONS = ROADSIDE.length + BACKGROUND.length;
