// Synthetic built sites, shaped like the site stage's output: hashed downloads, charts, assets
// and fonts; ko/en pages; Atom feeds saved as .xml; sitemap; Pagefind's index; a cycle file.
// v2 is v1 after one dataset (air-quality-daily) changed: its data files get new hashed names,
// and the pages, feeds and search entry that mention it change; nothing else does.

export const C1 = '2026-11-28T2100Z';
export const C2 = '2026-11-29T2100Z';
export const C3 = '2026-11-30T2100Z';
export const C4 = '2026-12-01T2100Z';

// The first bytes of a real PNG, then filler; publish only needs the bytes to be stable.
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
const bytes = (...n: number[]) => Uint8Array.from(n);

export const AIR = {
  v1: { csv: 'data/air-quality-daily.a1b2c3d4e5f6.csv', json: 'data/air-quality-daily.a1b2c3d4e5f6.json', snapshot: '_citydash/snapshots/air-quality-daily.0011223344556677.ndjson' },
  v2: { csv: 'data/air-quality-daily.f6e5d4c3b2a1.csv', json: 'data/air-quality-daily.f6e5d4c3b2a1.json', snapshot: '_citydash/snapshots/air-quality-daily.7766554433221100.ndjson' },
};

const page = (lang: 'ko' | 'en', title: string, links: string[]) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/assets/site.3f9a1c2b4d5e.css"><script type="module" src="/assets/app.1a2b3c4d5e6f.js"></script></head>
<body><main><h1>${title}</h1>${links.map((l) => `<a href="/${l}">${l}</a>`).join('\n')}</main></body></html>
`;

const atom = (lang: string, entries: string[]) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}"><title>citydash ${lang}</title><id>urn:citydash:${lang}</id><updated>2026-11-28T21:00:00Z</updated>
${entries.map((e) => `<entry><title>${e}</title><id>urn:citydash:${lang}:${e}</id><updated>2026-11-28T21:00:00Z</updated></entry>`).join('\n')}
</feed>
`;

function common(): Record<string, string | Uint8Array> {
  return {
    'index.html': '<!doctype html><meta http-equiv="refresh" content="0; url=/ko/"><title>citydash</title>\n',
    'ko/datasets/cctv/index.html': page('ko', 'CCTV 설치 현황', ['data/cctv.b2c3d4e5f6a7.csv']),
    'en/datasets/cctv/index.html': page('en', 'CCTV installations', ['data/cctv.b2c3d4e5f6a7.csv']),
    'ko/charts/pm25/index.html': page('ko', '초미세먼지', ['charts/pm25.ko.4c5d6e7f8a9b.svg']),
    'en/charts/pm25/index.html': page('en', 'PM2.5', ['charts/pm25.en.9b8a7f6e5d4c.svg']),
    'ko/about/index.html': page('ko', '소개', []),
    'assets/site.3f9a1c2b4d5e.css': 'body{font-family:Pretendard,sans-serif}\n',
    'assets/app.1a2b3c4d5e6f.js': 'document.documentElement.classList.add("js");\n',
    'assets/enhance.0a1b2c3d4e5f.mjs': 'export const enhance = () => {};\n',
    'assets/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8"/></svg>\n',
    'favicon.ico': bytes(0, 0, 1, 0, 1, 0, 16, 16),
    'charts/pm25.ko.4c5d6e7f8a9b.svg': '<svg xmlns="http://www.w3.org/2000/svg"><title>초미세먼지</title></svg>\n',
    'charts/pm25.ko.4c5d6e7f8a9b.png': PNG,
    'charts/pm25.ko.4c5d6e7f8a9b.vl.json': '{"mark":"bar"}\n',
    'charts/pm25.en.9b8a7f6e5d4c.svg': '<svg xmlns="http://www.w3.org/2000/svg"><title>PM2.5</title></svg>\n',
    'data/cctv.b2c3d4e5f6a7.csv': '자치구,CCTV\n종로구,1772\n',
    'data/cctv.b2c3d4e5f6a7.json': '[{"gu":"종로구","cctv":1772}]\n',
    'fonts/Pretendard-Regular.5e6f7a8b9c0d.woff2': bytes(0x77, 0x4f, 0x46, 0x32, 1, 2),
    'fonts/Pretendard-Regular.5e6f7a8b9c0d.otf': bytes(0x4f, 0x54, 0x54, 0x4f, 3, 4),
    'fonts/Pretendard-Regular.5e6f7a8b9c0d.ttf': bytes(0, 1, 0, 0, 5, 6),
    'sitemap.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://data.example.kr/ko/</loc></url></urlset>\n',
    'robots.txt': 'User-agent: *\nAllow: /\n',
    'catalog.jsonld': '{"@context":"https://www.w3.org/ns/dcat","@type":"Catalog"}\n',
    'site.webmanifest': '{"name":"citydash","icons":[]}\n',
    'pagefind/pagefind.js': 'export const pagefind = 1;\n',
    'pagefind/wasm.en.pagefind': bytes(0x1f, 0x8b, 8, 0, 0),
    'pagefind/pagefind-worker.wasm': bytes(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0),
    'pagefind/fragment/en_9da4237.pf_fragment': bytes(0x1f, 0x8b, 8, 1),
    'pagefind/index/en_6267ec9.pf_index': bytes(0x1f, 0x8b, 8, 2),
    [`_citydash/cycles/${C1}.json`]: `{"cycle":"${C1}","datasets":{}}\n`,
    // The site stage's build marker: changes every cycle, never published.
    '_citydash/build.json': `{"cycle":"${C1}","builtAt":"2026-11-28T21:00:00.000Z"}\n`,
  };
}

export function siteV1(): Record<string, string | Uint8Array> {
  const a = AIR.v1;
  return {
    ...common(),
    'ko/index.html': page('ko', '서울 열린 데이터 대시보드', [a.csv, 'charts/pm25.ko.4c5d6e7f8a9b.svg']),
    'en/index.html': page('en', 'Seoul open data dashboard', [a.csv, 'charts/pm25.en.9b8a7f6e5d4c.svg']),
    'ko/datasets/air-quality-daily/index.html': page('ko', '일별 대기오염도', [a.csv, a.json]),
    'en/datasets/air-quality-daily/index.html': page('en', 'Daily air pollution', [a.csv, a.json]),
    [a.csv]: '측정일,측정소명,PM10\n2026-11-27,종로구,41\n',
    [a.json]: '[{"date":"2026-11-27","station":"종로구","pm10":41}]\n',
    [a.snapshot]: '{"date":"2026-11-27","station":"종로구","pm10":41}\n',
    'ko/changes/index.html': page('ko', '변경 기록', [`ko/changes/${C1}/`]),
    'en/changes/index.html': page('en', 'Change log', [`en/changes/${C1}/`]),
    'ko/changes.xml': atom('ko', [`${C1} 업데이트`]),
    'en/changes.xml': atom('en', [`${C1} update`]),
    'pagefind/pagefind-entry.json': '{"version":"1.4.0","languages":{"en":{"hash":"en_c3b116e273","page_count":9}}}\n',
    'pagefind/pagefind.en_c3b116e273.pf_meta': Uint8Array.from([0x1f, 0x8b, 8, 3]),
  };
}

export function siteV2(): Record<string, string | Uint8Array> {
  const a = AIR.v2;
  return {
    ...common(),
    'ko/index.html': page('ko', '서울 열린 데이터 대시보드', [a.csv, 'charts/pm25.ko.4c5d6e7f8a9b.svg']),
    'en/index.html': page('en', 'Seoul open data dashboard', [a.csv, 'charts/pm25.en.9b8a7f6e5d4c.svg']),
    'ko/datasets/air-quality-daily/index.html': page('ko', '일별 대기오염도', [a.csv, a.json]),
    'en/datasets/air-quality-daily/index.html': page('en', 'Daily air pollution', [a.csv, a.json]),
    [a.csv]: '측정일,측정소명,PM10\n2026-11-27,종로구,41\n2026-11-28,종로구,38\n',
    [a.json]: '[{"date":"2026-11-27","station":"종로구","pm10":41},{"date":"2026-11-28","station":"종로구","pm10":38}]\n',
    [a.snapshot]: '{"date":"2026-11-27","station":"종로구","pm10":41}\n{"date":"2026-11-28","station":"종로구","pm10":38}\n',
    'ko/changes/index.html': page('ko', '변경 기록', [`ko/changes/${C2}/`, `ko/changes/${C1}/`]),
    'en/changes/index.html': page('en', 'Change log', [`en/changes/${C2}/`, `en/changes/${C1}/`]),
    'ko/changes.xml': atom('ko', [`${C2} 업데이트`, `${C1} 업데이트`]),
    'en/changes.xml': atom('en', [`${C2} update`, `${C1} update`]),
    'pagefind/pagefind-entry.json': '{"version":"1.4.0","languages":{"en":{"hash":"en_d4c227f384","page_count":9}}}\n',
    'pagefind/pagefind.en_d4c227f384.pf_meta': Uint8Array.from([0x1f, 0x8b, 8, 4]),
    [`_citydash/cycles/${C2}.json`]: `{"cycle":"${C2}","datasets":{"air-quality-daily":"changed"}}\n`,
    '_citydash/build.json': `{"cycle":"${C2}","builtAt":"2026-11-29T21:00:00.000Z"}\n`,
  };
}

/** Pages, feeds and other unhashed files that differ between v1 and v2: the dataset's pages, the home and change-log pages. */
export const V2_CHANGED_PAGES = [
  'ko/index.html', 'en/index.html', 'ko/datasets/air-quality-daily/index.html', 'en/datasets/air-quality-daily/index.html',
  'ko/changes/index.html', 'en/changes/index.html',
];
export const V2_CHANGED_FEEDS = ['ko/changes.xml', 'en/changes.xml'];
export const V2_CHANGED_OTHER = ['pagefind/pagefind-entry.json'];
export const V2_NEW_HASHED = [AIR.v2.csv, AIR.v2.json, AIR.v2.snapshot, 'pagefind/pagefind.en_d4c227f384.pf_meta'];
