// Licence ids from descriptors in words a reader understands, with a link to the terms.
// KOGL (Korea Open Government Licence) types are what Seoul publishes under; anything else is
// taken as an SPDX id.
import type { SiteLicence } from './model-types.ts';

const KOGL: Record<string, { ko: string; en: string }> = {
  'KOGL-1': { ko: '공공누리 제1유형: 출처표시', en: 'Korea Open Government Licence Type 1: Attribution' },
  'KOGL-2': { ko: '공공누리 제2유형: 출처표시, 상업적 이용금지', en: 'Korea Open Government Licence Type 2: Attribution, non-commercial' },
  'KOGL-3': { ko: '공공누리 제3유형: 출처표시, 변경금지', en: 'Korea Open Government Licence Type 3: Attribution, no derivatives' },
  'KOGL-4': { ko: '공공누리 제4유형: 출처표시, 상업적 이용금지, 변경금지', en: 'Korea Open Government Licence Type 4: Attribution, non-commercial, no derivatives' },
};

const SPDX_TITLES: Record<string, string> = {
  'CC-BY-4.0': 'Creative Commons Attribution 4.0',
  'CC-BY-SA-4.0': 'Creative Commons Attribution-ShareAlike 4.0',
  'CC0-1.0': 'CC0 1.0 (public domain dedication)',
  'ODbL-1.0': 'Open Database License 1.0',
  'PDDL-1.0': 'Public Domain Dedication and License 1.0',
};

const SPDX_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;

export function describeLicence(id: string): SiteLicence {
  const kogl = KOGL[id.toUpperCase()];
  if (kogl) {
    const n = id.slice(-1);
    return { id, title: kogl, url: `https://www.kogl.or.kr/info/licenseType${n}.do` };
  }
  const title = SPDX_TITLES[id] ?? id;
  // Only a well-formed id becomes a link; free text stays text.
  return { id, title: { ko: title, en: title }, url: SPDX_ID.test(id) ? `https://spdx.org/licenses/${id}.html` : null };
}
