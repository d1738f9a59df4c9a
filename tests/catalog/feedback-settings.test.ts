// citydash.yaml `feedback` and the dataset keys behind the feedback channels and search
// (contact, keywords): what loads, and what each mistake says, where.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { feedbackRepository, formatProblem, loadCatalog, parseGithubRepository } from '../../pipeline/catalog/index.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const BASE = 'siteTitle: {ko: 가, en: A}\nareas:\n  environment: {ko: 환경, en: Environment}\n';
const DATASET = (extra = '') => `id: air
title: {ko: 대기, en: Air}
description: {ko: 대기, en: Air}
department: {id: climate-environment, ko: 기후환경본부, en: Climate and Environment HQ}
${extra}licence: KOGL-1
update: {every: daily}
extract: {kind: file, path: data.csv, format: csv}
columns: {date: {type: date}, pm25: {type: number}}
schema: schemas/any.schema.json
primaryKey: [date]
onInvalid: {action: fail-dataset}
`;

async function load(settings: string, files: Record<string, string> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'citydash-feedback-'));
  dirs.push(root);
  const all = { 'citydash.yaml': settings, 'viz-specs/README.md': '', 'schemas/any.schema.json': '{"type": "object"}', 'sources/climate-environment/air.yaml': DATASET(), 'sources/climate-environment/data.csv': 'date,pm25\n', ...files };
  for (const [path, body] of Object.entries(all)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), body);
  }
  const { catalog, problems } = await loadCatalog(root);
  return { catalog, lines: problems.map(formatProblem) };
}

describe('feedback channels in citydash.yaml', () => {
  test('every channel loads as written, and the bundled settings load without a problem', async () => {
    const { catalog, lines } = await load(`${BASE}repository: https://github.com/seoul/dashboard
feedback:
  email: opendata@city.example
  form: {url: "https://eungdapso.seoul.go.kr/?ref={id}", name: {ko: 응답소, en: Eungdapso}}
  github: {label: 데이터 의견}
  readBy: {ko: 시민소통기획관, en: Citizen Communication Office}
  answerDays: 7
`);
    expect(lines).toEqual([]);
    expect(catalog.settings.feedback).toEqual({
      email: 'opendata@city.example',
      form: { url: 'https://eungdapso.seoul.go.kr/?ref={id}', name: { ko: '응답소', en: 'Eungdapso' } },
      github: { label: '데이터 의견' },
      readBy: { ko: '시민소통기획관', en: 'Citizen Communication Office' },
      answerDays: 7,
    });
    expect(feedbackRepository(catalog.settings)).toEqual({ web: 'https://github.com/seoul/dashboard', origin: 'https://github.com', owner: 'seoul', name: 'dashboard' });
  });

  test('each mistake is reported at its line, and the site falls back to default settings', async () => {
    const { catalog, lines } = await load(`${BASE}feedback:
  email: not an address
  form: {url: "https://eungdapso.seoul.go.kr/?ref={chart}", name: {ko: 응답소, en: Eungdapso}}
  github: {repository: "https://github.com/seoul", label: "a,b"}
  answerDays: 0
`);
    expect(lines).toEqual([
      'citydash.yaml:5:10: "feedback.email" must be an email address such as data@city.example; got "not an address"',
      'citydash.yaml:7:59: "feedback.github.label" must be a label name without commas, not starting with a space; got "a,b"',
      'citydash.yaml:8:15: "feedback.answerDays" must be at least 1; got 0',
    ]);
    expect(catalog.settings.feedback).toBeUndefined();

    const second = await load(`${BASE}feedback:
  form: {url: "https://eungdapso.seoul.go.kr/?ref={chart}", name: {ko: 응답소, en: Eungdapso}}
  github: {repository: "https://github.com/seoul"}
`);
    expect(second.lines).toEqual([
      'citydash.yaml:5:15: unknown placeholder {chart} — placeholders are {kind} {id} {cycle} {date} {url} {title}',
      'citydash.yaml:6:24: "https://github.com/seoul" is not a repository address — write it as https://github.com/<owner>/<name>',
    ]);
  });

  test('GitHub feedback needs a repository: its own, or the catalog\'s', async () => {
    const { lines } = await load(`${BASE}feedback:\n  github: {}\n`);
    expect(lines).toEqual(['citydash.yaml:5:11: feedback.github needs a repository: set feedback.github.repository or repository — https://github.com/<owner>/<name>']);
    const other = await load(`${BASE}repository: https://gitlab.example/group/sub/project\nfeedback:\n  github: {}\n`);
    expect(other.lines).toEqual([
      'citydash.yaml:4:13: feedback.github reads issues from repository, and "https://gitlab.example/group/sub/project" is not a repository address — write it as https://github.com/<owner>/<name>, or set feedback.github.repository',
    ]);
  });

  test('a feedback block must name at least one channel', async () => {
    const { lines } = await load(`${BASE}feedback:\n  answerDays: 5\n`);
    expect(lines).toEqual(['citydash.yaml:4:1: "feedback" needs one of "email", "form", "github" or "url"']);
  });

  test('an id too long for a GitHub label is a warning at the id, only when GitHub feedback is on', async () => {
    const id = 'x'.repeat(45);
    const chart = `id: ${id}\narea: environment\ntitle: {ko: 가, en: A}\ndescription: {ko: 가, en: A}\ndata: [air]\nspec: {data: {name: air}, mark: bar, encoding: {x: {field: date, type: temporal}, y: {field: pm25, type: quantitative}}}\n`;
    const on = await load(`${BASE}repository: https://github.com/seoul/dashboard\nfeedback: {github: {}}\n`, { [`viz-specs/environment/${id}.yaml`]: chart });
    expect(on.lines).toEqual([
      `viz-specs/environment/${id}.yaml:1:5: warning: the feedback label "chart:${id}" is 51 characters, over GitHub's 50: issues cannot be labelled for this chart, so its page shows no answered feedback — a chart id of at most 44 characters`,
    ]);
    expect(on.catalog.charts.map((c) => c.id)).toEqual([id]);
    const off = await load(`${BASE}feedback: {email: a@city.example}\n`, { [`viz-specs/environment/${id}.yaml`]: chart });
    expect(off.lines).toEqual([]);
  });
});

describe('dataset contact and keywords', () => {
  test('load as written', async () => {
    const { catalog, lines } = await load(BASE, {
      'sources/climate-environment/air.yaml': DATASET(`contact: {office: {ko: 기후환경본부, en: Climate and Environment HQ}, phone: "02-120"}
keywords: {ko: [미세먼지, 초미세먼지], en: [fine dust, PM2.5]}
`),
    });
    expect(lines).toEqual([]);
    expect(catalog.datasets[0]!.contact).toEqual({ office: { ko: '기후환경본부', en: 'Climate and Environment HQ' }, phone: '02-120' });
    expect(catalog.datasets[0]!.keywords).toEqual({ ko: ['미세먼지', '초미세먼지'], en: ['fine dust', 'PM2.5'] });
  });

  test('a contact names an office and a way to reach it; a personal mobile number is not a phone number here', async () => {
    const { lines, catalog } = await load(BASE, {
      'sources/climate-environment/air.yaml': DATASET(`contact: {office: {ko: 기후환경본부, en: Climate HQ}, phone: "call 010"}
keywords: {ko: ["  "]}
`),
    });
    expect(lines).toEqual([
      'sources/climate-environment/air.yaml:5:56: "contact.phone" must be a phone number of digits, spaces and dashes (e.g. 02-120); got "call 010"',
      'sources/climate-environment/air.yaml:6:17: "keywords.ko[0]" must be one line of text, not blank; got " "',
    ]);
    expect(catalog.datasets).toEqual([]);
    const officeOnly = await load(BASE, { 'sources/climate-environment/air.yaml': DATASET('contact: {office: {ko: 기후환경본부, en: Climate HQ}}\n') });
    expect(officeOnly.lines).toEqual(['sources/climate-environment/air.yaml:5:1: "contact" needs one of "phone", "email" or "url"']);
  });
});

test('parseGithubRepository takes a repository page and nothing else', () => {
  expect(parseGithubRepository('https://github.com/citydash/citydash.git')?.web).toBe('https://github.com/citydash/citydash');
  expect(parseGithubRepository('https://ghe.seoul.go.kr/data/dashboard/')?.origin).toBe('https://ghe.seoul.go.kr');
  for (const bad of ['https://github.com/citydash', 'https://github.com/a/b/issues', 'https://user:pw@github.com/a/b', 'javascript:alert(1)//github.com/a/b', 'https://github.com/a/..', 'ftp://github.com/a/b']) {
    expect([bad, parseGithubRepository(bad)]).toEqual([bad, null]);
  }
});
