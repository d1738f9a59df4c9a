// "How to cite" text: names the cycle and the data date, survives hostile titles in BibTeX.
import { bibEscape, citation } from '../../pipeline/site/cite.ts';

const base = {
  kind: 'chart' as const,
  id: 'fine-dust-daily-trend',
  authors: ['기후환경본부'],
  cycle: '2026-12-31T1600Z',
  dataDate: '2026-12-31',
  licence: '공공누리 제1유형 (KOGL-1)',
};

test('plain text and BibTeX in Korean name the department, the cycle and the data date', () => {
  const c = citation({ ...base, lang: 'ko', title: '서울 미세먼지·초미세먼지 일별 추이', siteTitle: '서울 열린 데이터 대시보드', url: 'https://data.seoul.example/ko/charts/fine-dust-daily-trend/' });
  // 16:00 UTC on 31 Dec is already 1 Jan in Seoul: the year is Seoul's.
  expect(c.text).toBe('기후환경본부 (2027). 서울 미세먼지·초미세먼지 일별 추이 [차트]. 서울 열린 데이터 대시보드, 주기 2026-12-31T1600Z, 데이터 기준일 2026-12-31. 이용허락: 공공누리 제1유형 (KOGL-1). https://data.seoul.example/ko/charts/fine-dust-daily-trend/');
  expect(c.bibtex).toBe(`@misc{citydash:chart:fine-dust-daily-trend:2026-12-31T1600Z,
  author       = {{기후환경본부}},
  title        = {{서울 미세먼지·초미세먼지 일별 추이}},
  howpublished = {서울 열린 데이터 대시보드},
  year         = {2027},
  version      = {2026-12-31T1600Z},
  note         = {차트 fine-dust-daily-trend; 주기 2026-12-31T1600Z; 데이터 기준일 2026-12-31; 이용허락 공공누리 제1유형 (KOGL-1)},
  url          = {https://data.seoul.example/ko/charts/fine-dust-daily-trend/}
}`);
});

test('English, several departments, no baseUrl: no URL is invented', () => {
  const c = citation({ ...base, kind: 'dataset', id: 'budget', lang: 'en', authors: ['Finance Bureau', 'Citizen Communication Office'], title: 'Budget & spending: 100% of "it"', siteTitle: 'Seoul Open Data Dashboard', url: null, dataDate: null, cycle: '2026-11-28T2100Z', licence: 'KOGL-1' });
  expect(c.text).toBe('Finance Bureau; Citizen Communication Office (2026). Budget & spending: 100% of "it" [dataset]. Seoul Open Data Dashboard, cycle 2026-11-28T2100Z. Licence: KOGL-1.');
  expect(c.bibtex).toContain('author       = {{Finance Bureau} and {Citizen Communication Office}}');
  expect(c.bibtex).toContain('title        = {{Budget \\& spending: 100\\% of "it"}}');
  expect(c.bibtex).not.toMatch(/\burl\s*=/);
});

test('a title cannot close its BibTeX field or smuggle LaTeX', () => {
  const hostile = 'x}}, note = {pwned} @misc{y, \\input{/etc/passwd} $\\$ ~ ^';
  const c = citation({ ...base, lang: 'en', title: hostile, siteTitle: 'S', url: null });
  // Braces balance inside the entry: every { of the title is escaped.
  const body = c.bibtex.replace(/\\[{}]/g, '');
  let depth = 0;
  for (const ch of body) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  expect(bibEscape('\\input{a}')).toBe('\\textbackslash{}input\\{a\\}');
});
