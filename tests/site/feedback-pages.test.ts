// Feedback on the built pages: every chart and dataset page offers email, the city's form and
// GitHub with its id, data date and cycle; the answered issues show on the pages they concern,
// the whole list on the feedback log and in its Atom feed; the feedback page says who reads it,
// how fast and with what privacy; what strangers wrote stays text; a kept list says so.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedbackItem, FeedbackRead } from '../../pipeline/feedback/index.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import { buildSite } from '../../pipeline/site/build.ts';
import { assembleSiteModel, type SiteModel } from '../../pipeline/site/model.ts';
import { makeFixture, type Fixture } from './fixture.ts';
import { listFiles, sitePath, tags } from './html.ts';

const REPO = 'https://github.com/seoul-opendata/dashboard';
const item = (n: number, o: Partial<FeedbackItem>): FeedbackItem => ({
  number: n, url: `${REPO}/issues/${n}`, about: [], title: `의견 ${n}`, text: '', openedAt: '2024-11-20T01:00:00.000Z', updatedAt: '2024-11-20T01:00:00.000Z',
  state: 'open', closedAt: null, answer: null, ...o,
});
const HOSTILE = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ 7*7 }}';
const READ: FeedbackRead = {
  status: 'kept',
  reason: { kind: 'rate-limit', resetsAt: '2024-11-28T22:00:00.000Z' },
  unknown: [{ label: 'chart:gone-chart', issues: [4] }],
  list: {
    version: 1, repository: REPO, label: 'feedback', readAt: '2024-11-27T21:00:00.000Z',
    items: [
      item(5, { title: '구별 지도의 종로구 값이 이상해요', text: '11월 종로구 초미세먼지가 너무 낮습니다.', about: [{ kind: 'chart', id: 'pm25-by-district' }], state: 'closed', closedAt: '2024-11-26T00:00:00.000Z', answer: { text: '측정소 교체 기간의 값이 빠져 있었습니다. 11월 27일 주기에서 바로잡았습니다.', at: '2024-11-26T00:00:00.000Z' } }),
      item(4, { title: 'Old chart?', about: [{ kind: 'chart', id: 'gone-chart' }] }),
      item(3, { title: HOSTILE, text: HOSTILE, about: [{ kind: 'dataset', id: 'air-quality-daily' }], answer: { text: HOSTILE, at: '2024-11-21T00:00:00.000Z' } }),
      item(2, { title: '사이트가 좋아요' }),
    ],
  },
};

let fx: Fixture;
let model: SiteModel;
let out: string;
const html = new Map<string, string>();
const page = (path: string) => html.get(path) ?? '';
const main = (path: string) => page(path).slice(page(path).indexOf('<main'), page(path).indexOf('</main>'));

beforeAll(async () => {
  fx = await makeFixture({ baseUrl: 'https://data.example.kr' });
  fx.catalog.settings.feedback = {
    email: 'opendata@city.example',
    form: { url: 'https://eungdapso.seoul.go.kr/', name: { ko: '서울시 응답소', en: 'Eungdapso' } },
    github: { repository: REPO },
    readBy: { ko: '시민소통기획관이 읽습니다.', en: 'The Citizen Communication Office reads it.' },
    answerDays: 7,
  };
  fx.catalog.datasets[0]!.contact = { office: { ko: '기후환경본부', en: 'Climate and Environment HQ' }, phone: '02-120' };
  const log = memoryLogger();
  model = await assembleSiteModel(fx.catalog, { ...fx.input, feedback: READ }, log);
  out = join(fx.dir, 'site');
  await buildSite(model, { outDir: out, rowsPath: fx.input.rowsPath, rendered: fx.input.rendered, feedbackList: READ.list }, { fetch: globalThis.fetch, now: () => new Date(), log, env: {} });
  for (const f of await listFiles(out)) if (/\.(html|xml|json)$/.test(f)) html.set(sitePath(out, f), await readFile(f, 'utf8'));
});

afterAll(async () => {
  if (fx) await rm(fx.dir, { recursive: true, force: true });
});

test('every chart and dataset page, in both languages, offers email, form and GitHub carrying its id, data date and cycle', () => {
  let n = 0;
  for (const lang of ['ko', 'en'] as const) {
    for (const [kind, list] of [['chart', model.charts], ['dataset', model.datasets]] as const) {
      for (const x of list) {
        const path = `${lang}/${kind}s/${x.id}/index.html`;
        const links = tags(main(path)).filter((t) => t.name === 'a' && t.attrs.class === 'channel').map((t) => t.attrs.href!);
        const mail = new URL(links.find((h) => h.startsWith('mailto:'))!);
        expect(mail.pathname).toBe('opendata@city.example');
        expect(mail.searchParams.get('subject')).toContain(x.id);
        const body = mail.searchParams.get('body')!;
        expect([path, body]).toEqual([path, expect.stringContaining(`Cycle: ${x.dataCycle}`)]);
        expect(body).toContain(`: ${x.id}\r\n`);
        expect(body).toContain(`Page: https://data.example.kr/${lang}/${kind}s/${x.id}/`);
        if (x.dataDate) expect(body).toContain(`Data date: ${x.dataDate}`);
        expect(links).toContain('https://eungdapso.seoul.go.kr/');
        const gh = new URL(links.find((h) => h.startsWith(`${REPO}/issues/new`))!);
        expect(gh.searchParams.get('labels')).toBe(`feedback,${kind}:${x.id}`);
        // The form cannot be prefilled: the page gives the reference to quote.
        expect(main(path)).toContain(`<code>${lang === 'ko' ? (kind === 'chart' ? '차트' : '데이터셋') : kind === 'chart' ? 'Chart' : 'Dataset'} ${x.id} · `);
        n++;
      }
    }
  }
  expect(n).toBe(2 * (model.charts.length + model.datasets.length));
});

test('answered feedback shows on the page it is about, with the city\'s answer; other pages say there is none yet', () => {
  const ko = main('ko/charts/pm25-by-district/index.html');
  expect(ko).toContain('<h2 id="said-h">시민 의견과 답변</h2>');
  expect(ko).toContain('<span class="badge said-answered">답변함</span> <strong>구별 지도의 종로구 값이 이상해요</strong>');
  expect(ko).toContain('<blockquote class="said-text"><p>11월 종로구 초미세먼지가 너무 낮습니다.</p></blockquote>');
  expect(ko).toContain('<p>측정소 교체 기간의 값이 빠져 있었습니다. 11월 27일 주기에서 바로잡았습니다.</p>');
  expect(ko).toContain(`<a href="${REPO}/issues/5" rel="noopener nofollow">전체 대화 보기 (GitHub #5)</a>`);
  expect(main('en/charts/pm25-by-district/index.html')).toContain("<strong>The city&#39;s answer</strong>");
  expect(main('en/charts/pm10-daily/index.html')).toContain('No public feedback on this chart yet.');
  // Office and phone of the data's department.
  expect(main('ko/datasets/air-quality-daily/index.html')).toContain('담당 부서: 기후환경본부 · <a href="tel:02-120">전화 02-120</a>');
});

test('what strangers wrote is text on every page: no markup, no link, no template evaluated', () => {
  for (const path of ['ko/datasets/air-quality-daily/index.html', 'en/feedback/log/index.html', 'ko/feedback/log/index.html']) {
    const m = main(path);
    expect(m).toContain('&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1)) {{ 7*7 }}');
    expect(m).not.toContain('<img src=x');
    expect(tags(m).filter((t) => t.name === 'a' && /javascript:/i.test(t.attrs.href ?? ''))).toEqual([]);
    expect(m).not.toContain('>49<');
  }
  expect(page('en/feedback.xml')).toContain('&lt;img src=x onerror=alert(1)&gt;');
});

test('the feedback log lists every issue with what it is about, says the list was kept, and has an Atom feed', () => {
  const en = main('en/feedback/log/index.html');
  expect(en).toContain('This list could not be refreshed from GitHub this time; it is the list as read on');
  expect(en).toContain('4 messages · 2 answered · 2 awaiting an answer');
  expect(en.match(/<li class="said-item">/g)).toHaveLength(4);
  expect(en).toContain('About:');
  expect(en).toMatch(/<a href="\.\.\/\.\.\/charts\/pm25-by-district\/">[^<]+<\/a>/);
  // A label naming nothing in the catalog: listed, its target shown as written, linking nowhere.
  expect(en).toContain('<code>chart:gone-chart</code>');
  expect(en).toContain('The site as a whole');
  const feed = page('ko/feedback.xml');
  expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n?<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="ko">/);
  expect(feed.match(/<entry>/g)).toHaveLength(4);
  expect(feed).toContain('<title>[답변함] 구별 지도의 종로구 값이 이상해요</title>');
  expect(feed).toContain(`<link rel="alternate" type="text/html" href="${REPO}/issues/5"/>`);
  expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://data.example.kr/ko/feedback.xml"/>');
  expect(JSON.parse(page('_citydash/feedback.json'))).toEqual(READ.list);
});

test('the feedback page says who reads it, how fast, what happens to it, and how privacy is kept, in both languages', () => {
  const ko = main('ko/feedback/index.html');
  for (const s of ['시민소통기획관이 읽습니다.', '근무일 기준 7일 안에 답합니다.', '의견은 어떻게 되나요', '개인정보', 'GitHub 이슈는 누구나 볼 수 있습니다.', '분석 도구를 쓰지 않습니다']) expect(ko).toContain(s);
  const en = main('en/feedback/index.html');
  for (const s of ['The Citizen Communication Office reads it.', 'We answer within 7 working days.', 'What happens to it', 'Privacy', 'never who said it']) expect(en).toContain(s);
  expect(en).not.toMatch(/[가-힣]/);
  const channels = tags(en).filter((t) => t.name === 'a' && t.attrs.class === 'channel').map((t) => t.attrs.href!);
  expect(channels.map((h) => h.split(/[?:]/)[0])).toEqual(['mailto', 'https', 'https']);
  // Every page's footer links it.
  expect(page('en/charts/pm10-daily/index.html')).toContain('<a href="../../feedback/">Feedback</a>');
});

test('English pages show no Korean but the citizens\' own words and the search-only terms', () => {
  for (const path of ['en/charts/pm10-daily/index.html', 'en/datasets/air-quality-monthly-by-gu/index.html']) {
    const visible = main(path).replace(/<p hidden lang="ko"[^>]*>[^<]*<\/p>/g, '').replace(/<[^>]+>/g, ' ');
    // Column values in the data preview are the data's own (station names): strip the tables too.
    const text = visible.replace(/\s+/g, ' ');
    const feedbackPart = text.slice(text.indexOf('Tell us'), text.indexOf('How to cite'));
    expect([path, feedbackPart.match(/[가-힣]+/g)]).toEqual([path, null]);
  }
});
