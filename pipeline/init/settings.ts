// citydash.yaml of a new catalog: the site's title in both languages, its public address, where
// the catalog is edited, how citizens answer back, and the chart areas. Everything the city did
// not say yet is written as a commented line to fill in, never as a made-up value.
import { EXAMPLE } from './example.ts';

export interface InitSettings {
  titleKo: string;
  titleEn: string;
  baseUrl?: string;
  /** https://github.com/<owner>/<name> of the catalog. */
  repository?: string;
  feedbackEmail?: string;
}

const q = (s: string) => JSON.stringify(s);

function feedbackBlock(s: InitSettings): string {
  const email = s.feedbackEmail ? `email: ${q(s.feedbackEmail)}` : null;
  // With a repository, each page links a new GitHub issue and the build reads the answers back.
  const github = s.repository ? 'github: {label: feedback}' : null;
  const lines = [
    email ?? '# email: data@city.example',
    '# form: {url: "https://city.example/petition?about={id}", name: {ko: 응답소, en: Civil petitions}}',
    github ?? '# github: {repository: "https://github.com/<owner>/<name>", label: feedback}',
    'readBy: {ko: 데이터 담당 부서, en: "the city\'s data team"}',
    'answerDays: 10',
  ];
  const on = Boolean(email || github);
  return [
    '# 시민 의견 창구(하나 이상): 차트와 데이터셋 페이지마다 모두 나옵니다. 답하는 부서와 기한도 적습니다.',
    '# How citizens answer back (at least one channel; every chart and dataset page offers each),',
    '# who reads it and within how many working days the city answers.',
    on ? 'feedback:' : '# feedback:',
    ...lines.map((l) => (on ? `  ${l}` : `#   ${l.replace(/^# /, '')}`)),
  ].join('\n');
}

export function settingsYaml(s: InitSettings): string {
  return `# 대시보드 설정 / Dashboard settings. 키 설명: README.md, 그리고 편집기에서 키 위에 마우스를 올리면
# 나옵니다. Every key is explained in README.md, and by the editor when you hover over it.
siteTitle:
  ko: ${q(s.titleKo)}
  en: ${q(s.titleEn)}
# 공개 사이트 주소(정식 링크와 피드용) / the published site's address (canonical links, feeds)
${s.baseUrl ? `baseUrl: ${q(s.baseUrl)}` : '# baseUrl: https://dashboard.city.example/'}
# 카탈로그를 고치는 저장소(풀 리퀘스트) / where the catalog is edited (pull requests)
${s.repository ? `repository: ${q(s.repository)}` : '# repository: https://github.com/<owner>/<name>'}
${feedbackBlock(s)}
# 홈페이지에 나오는 분야, 순서대로. 각 분야는 viz-specs/ 아래 폴더 하나입니다.
# Chart areas in home-page order; each is a folder under viz-specs/.
areas:
  ${EXAMPLE.area}: {ko: 문화, en: Culture}
`;
}
