// The 25 gu with rough 2026 magnitudes, so every sample tells one consistent story
// (a big gu has more residents, riders, fires and complaints than a small one).
// Codes are the 5-digit SIG codes the pipeline conforms to; the figures are invented
// from public orders of magnitude, not copied from any release.

export interface GuFacts {
  code: string;
  ko: string;
  en: string;
  /** Registered Korean residents, late 2025. */
  residents: number;
  /** Registered foreign residents. */
  foreigners: number;
  /** Share of residents aged 65+, percent. */
  elderlyPct: number;
  /** Average household size. */
  householdSize: number;
}

export const GU: readonly GuFacts[] = [
  { code: '11110', ko: '종로구', en: 'Jongno-gu', residents: 139_400, foreigners: 8_100, elderlyPct: 21.3, householdSize: 1.88 },
  { code: '11140', ko: '중구', en: 'Jung-gu', residents: 120_300, foreigners: 9_200, elderlyPct: 21.0, householdSize: 1.85 },
  { code: '11170', ko: '용산구', en: 'Yongsan-gu', residents: 211_800, foreigners: 13_600, elderlyPct: 18.9, householdSize: 1.96 },
  { code: '11200', ko: '성동구', en: 'Seongdong-gu', residents: 279_100, foreigners: 7_200, elderlyPct: 16.8, householdSize: 2.09 },
  { code: '11215', ko: '광진구', en: 'Gwangjin-gu', residents: 335_600, foreigners: 14_300, elderlyPct: 16.2, householdSize: 1.93 },
  { code: '11230', ko: '동대문구', en: 'Dongdaemun-gu', residents: 339_700, foreigners: 16_400, elderlyPct: 20.1, householdSize: 1.91 },
  { code: '11260', ko: '중랑구', en: 'Jungnang-gu', residents: 381_900, foreigners: 4_900, elderlyPct: 21.2, householdSize: 2.01 },
  { code: '11290', ko: '성북구', en: 'Seongbuk-gu', residents: 425_800, foreigners: 11_300, elderlyPct: 19.2, householdSize: 2.12 },
  { code: '11305', ko: '강북구', en: 'Gangbuk-gu', residents: 284_300, foreigners: 3_700, elderlyPct: 24.4, householdSize: 1.97 },
  { code: '11320', ko: '도봉구', en: 'Dobong-gu', residents: 300_200, foreigners: 2_400, elderlyPct: 24.1, householdSize: 2.21 },
  { code: '11350', ko: '노원구', en: 'Nowon-gu', residents: 493_700, foreigners: 3_900, elderlyPct: 21.0, householdSize: 2.26 },
  { code: '11380', ko: '은평구', en: 'Eunpyeong-gu', residents: 460_100, foreigners: 4_800, elderlyPct: 21.4, householdSize: 2.11 },
  { code: '11410', ko: '서대문구', en: 'Seodaemun-gu', residents: 308_400, foreigners: 12_100, elderlyPct: 19.3, householdSize: 2.02 },
  { code: '11440', ko: '마포구', en: 'Mapo-gu', residents: 365_200, foreigners: 12_800, elderlyPct: 16.1, householdSize: 1.94 },
  { code: '11470', ko: '양천구', en: 'Yangcheon-gu', residents: 433_300, foreigners: 3_800, elderlyPct: 17.2, householdSize: 2.38 },
  { code: '11500', ko: '강서구', en: 'Gangseo-gu', residents: 556_400, foreigners: 6_900, elderlyPct: 18.1, householdSize: 2.09 },
  { code: '11530', ko: '구로구', en: 'Guro-gu', residents: 398_900, foreigners: 24_800, elderlyPct: 19.4, householdSize: 2.14 },
  { code: '11545', ko: '금천구', en: 'Geumcheon-gu', residents: 228_700, foreigners: 16_900, elderlyPct: 19.0, householdSize: 1.93 },
  { code: '11560', ko: '영등포구', en: 'Yeongdeungpo-gu', residents: 374_300, foreigners: 29_700, elderlyPct: 17.3, householdSize: 1.99 },
  { code: '11590', ko: '동작구', en: 'Dongjak-gu', residents: 383_200, foreigners: 11_800, elderlyPct: 18.2, householdSize: 2.04 },
  { code: '11620', ko: '관악구', en: 'Gwanak-gu', residents: 486_100, foreigners: 14_900, elderlyPct: 18.4, householdSize: 1.69 },
  { code: '11650', ko: '서초구', en: 'Seocho-gu', residents: 404_800, foreigners: 4_700, elderlyPct: 16.0, householdSize: 2.37 },
  { code: '11680', ko: '강남구', en: 'Gangnam-gu', residents: 557_200, foreigners: 5_800, elderlyPct: 15.4, householdSize: 2.24 },
  { code: '11710', ko: '송파구', en: 'Songpa-gu', residents: 654_900, foreigners: 7_900, elderlyPct: 16.3, householdSize: 2.26 },
  { code: '11740', ko: '강동구', en: 'Gangdong-gu', residents: 463_400, foreigners: 5_200, elderlyPct: 17.1, householdSize: 2.27 },
];

/** Residents relative to the mean gu (≈1), to scale counts that follow population. */
export function sizeFactor(gu: GuFacts): number {
  const mean = GU.reduce((s, g) => s + g.residents, 0) / GU.length;
  return gu.residents / mean;
}

export function guByName(ko: string): GuFacts {
  const gu = GU.find((g) => g.ko === ko);
  if (!gu) throw new Error(`no such gu: ${ko}`);
  return gu;
}
