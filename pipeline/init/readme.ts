// README.md of a new catalog, for the city's data team: what is in the folder, the first hour
// (install, build, look), connecting the first real source, the scheduled runs and the secrets
// they need, and how departments and civil-society organisations propose changes.
import { EXAMPLE } from './example.ts';

export function readme(opts: { titleKo: string; titleEn: string; citydashVersion: string }): string {
  const ds = `sources/${EXAMPLE.department}/${EXAMPLE.dataset}.yaml`;
  const chart = `viz-specs/${EXAMPLE.area}/${EXAMPLE.chart}.yaml`;
  return `# ${opts.titleKo} / ${opts.titleEn}

이 저장소는 [citydash](https://www.npmjs.com/package/citydash)가 읽는 **데이터 카탈로그**입니다.
부서의 자료가 어디 있는지, 어떤 모양인지, 어떻게 보여 줄지를 YAML 파일로 적어 두면 citydash가
밤마다 자료를 가져와 검사하고, 차트를 그리고, 한국어·영어 정적 사이트를 만들어 게시합니다.

This repository is the **data catalog** that [citydash](https://www.npmjs.com/package/citydash)
reads. Its YAML files say where each department's data is, what it looks like and how to show
it; every night citydash fetches and validates the data, renders the charts and publishes a
static Korean/English site.

| | |
|---|---|
| \`citydash.yaml\` | 사이트 제목, 주소, 의견 창구, 분야 / site title, address, feedback channels, chart areas |
| \`sources/<부서 department>/<id>.yaml\` | 데이터셋 하나 / one dataset: where it comes from, its columns, cadence, licence |
| \`schemas/<id>.schema.json\` | 검사를 통과한 한 행의 JSON Schema / JSON Schema of one validated row |
| \`viz-specs/<분야 area>/<id>.yaml\` | 차트 하나(Vega-Lite) / one chart (Vega-Lite) |
| \`.github/workflows/\` | 야간 실행, 풀 리퀘스트 검사 / the nightly run and the pull-request check |

## 1. 처음 한 시간 / The first hour

Node.js 24(LTS)와 Git이 필요합니다. You need Node.js 24 (LTS) and Git.

\`\`\`sh
npm install                 # citydash ${opts.citydashVersion}; package-lock.json을 커밋하세요 / commit package-lock.json
npx citydash run --offline  # 예시 자료로 사이트 만들기 / build the site from the samples
npx citydash serve          # http://127.0.0.1:8080/ 에서 보기 / look at it
\`\`\`

예시 데이터셋(\`${ds}\`)과 차트(\`${chart}\`)는 가상의 수치이며 사이트에 예시 자료로 표시됩니다.
The example dataset and chart hold invented figures, and the site labels them as sample data.

## 2. 첫 실제 자료 연결하기 / Connecting the first real source

1. \`npx citydash new dataset --id <id> --department <부서-id>\` 로 주석이 달린 설명 파일, 행
   스키마, 예시 CSV를 만듭니다. Writes a commented descriptor, its row schema and a sample CSV.
2. \`extract\`에 자료가 있는 곳을 적습니다: 저장소 안의 파일(\`kind: file\`), 웹 주소
   (\`kind: http\`, \`url\`), 서울 열린데이터광장 API(\`kind: seoul-openapi\`). 네트워크 자료는
   오프라인 빌드와 미리보기를 위해 \`sample\`을 함께 둡니다. Say in \`extract\` where the data is: a
   file in this repository, a URL, or the Seoul Open API; network sources keep a \`sample\` for
   offline builds and previews.
3. \`columns\`의 \`from\`에 원본 머리글을 그대로 적고 형식(\`type\`)과 단위를 정합니다. List each
   raw header under \`from\` and give the column's type and unit.
4. \`npx citydash validate --file <내려받은 파일> --dataset <id>\` 로 실제 파일을 검사하고,
   \`npx citydash check\` 로 카탈로그 전체를 검사합니다. Check a real export against the descriptor,
   then the whole catalog.
5. \`npx citydash new chart --dataset <id> --id <차트-id>\` 로 차트를 만듭니다. Start a chart.

편집기: VS Code에서 이 폴더를 열고 권장 확장(YAML, Red Hat)을 설치하면, 설명 파일을 쓰는 동안
키와 값이 검사되고 설명이 나옵니다(\`spec:\` 안은 Vega-Lite 스키마). 스키마는 \`npm install\`이
설치한 citydash 안에 있어 인터넷 없이도 됩니다.
Editors: open this folder in VS Code and install the recommended YAML extension (Red Hat): keys
and values are checked and explained as you type (\`spec:\` against the Vega-Lite schema). The
schemas come with the citydash that \`npm install\` installed, so this works offline.

## 3. 밤마다 실행하고 게시하기 / The nightly run and publishing

\`.github/workflows/nightly.yml\`이 매일 밤 자료를 나눠서(\`--shard\`) 가져오고, 사이트를 만들고,
게시합니다. 저장소 Settings → Secrets and variables → Actions 에서 한 번 설정합니다.
\`nightly.yml\` fetches the data in shards every night, builds the site and publishes it. Set up
once in the repository's Settings → Secrets and variables → Actions:

| | |
|---|---|
| variable \`CITYDASH_TARGET\` | 게시할 곳 / where to publish: \`s3://bucket/prefix\` |
| secrets \`AWS_ACCESS_KEY_ID\`, \`AWS_SECRET_ACCESS_KEY\`, \`AWS_REGION\` | S3 또는 S3 호환 저장소 / an S3 or S3-compatible store |
| secret \`SEOUL_API_KEY\` | \`seoul-openapi\` 자료가 있을 때만 / only for Seoul Open API sources |

한 부서의 자료가 실패해도 사이트는 비지 않습니다: 마지막으로 검사를 통과한 자료가 "지연됨"
표시와 함께 남습니다. A department whose data fails never blanks the site: its last good data
stays up, marked as delayed.

## 4. 제안 받기 / Proposals

부서와 시민사회단체는 풀 리퀘스트로 차트와 데이터셋을 제안합니다. \`pr.yml\`이 비밀 정보 없이
\`citydash check\`를 실행하고 새 차트의 미리보기를 만들며, \`pr-comment.yml\`이 결과를 댓글로
답니다. Departments and civil-society organisations propose charts and datasets by pull request:
\`pr.yml\` runs \`citydash check\` with no secrets and renders previews of new charts, and
\`pr-comment.yml\` posts the report as a comment.

## 5. citydash 올리기 / Updating citydash

\`npm install citydash@latest\` 뒤 \`npx citydash check\` 와 \`npx citydash run --offline\` 으로
확인하고 package-lock.json과 함께 커밋합니다. Update with \`npm install citydash@latest\`, check
with \`npx citydash check\` and \`npx citydash run --offline\`, and commit package-lock.json.
`;
}
