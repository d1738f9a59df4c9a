// The pull-request comment: the verdict, what changed compared with the base branch,
// problems grouped by file, and preview images of each new or changed chart in both
// languages (files beside the report, referenced by relative path). Bilingual headings:
// the readers are Seoul's civil-society organisations and city staff.
import type { Problem } from '../types.ts';
import { code, md } from './markdown-text.ts';
import type { ChangeList, CheckResult } from './types.ts';

/** Marks the comment so the posting workflow updates it instead of adding another. */
export const REPORT_MARKER = '<!-- citydash-check-report -->';

const ids = (list: string[]) => (list.length ? list.map(code).join(', ') : '—');

function changes(result: CheckResult): string[] {
  const { charts, datasets, comparedWithBase } = result.changes;
  const out = ['### 바뀐 것 / What changed', ''];
  if (!comparedWithBase) out.push('_기준 브랜치 없이 검사했습니다: 모든 항목을 새 항목으로 봅니다. / Checked without a base branch: everything counts as new._', '');
  const row = (name: string, l: ChangeList) => `| ${name} | ${ids(l.added)} | ${ids(l.changed)} | ${ids(l.removed)} |`;
  out.push('| | 추가 Added | 변경 Changed | 삭제 Removed |', '|---|---|---|---|', row('차트 Charts', charts), row('데이터셋 Datasets', datasets), '');
  return out;
}

function problems(list: Problem[]): string[] {
  if (list.length === 0) return ['### 문제 / Problems', '', '문제가 없습니다. / No problems found.', ''];
  const out = ['### 문제 / Problems', ''];
  const files = [...new Set(list.map((p) => p.file))];
  for (const file of files) {
    out.push(`#### ${code(file)}`, '');
    for (const p of list.filter((q) => q.file === file)) {
      const level = p.severity === 'error' ? '**오류 error**' : '_경고 warning_';
      out.push(`- ${level} ${code(`${p.line}:${p.col}`)} ${md(p.message)}`);
      if (p.hint) out.push(`  <br>↳ ${md(p.hint)}`);
    }
    out.push('');
  }
  return out;
}

function previews(result: CheckResult): string[] {
  if (result.previews.length === 0) return [];
  const out = ['### 미리보기 / Previews', ''];
  for (const p of result.previews) {
    const status = p.status === 'added' ? '새 차트 new' : '바뀐 차트 changed';
    out.push(`#### ${code(p.chart)} — ${md(p.title.ko)} / ${md(p.title.en)} (${status})`, '');
    if (p.skipped) {
      out.push(`미리보기를 만들지 못했습니다 / No preview: ${md(p.skipped)}`, '');
      continue;
    }
    const cell = (lang: 'ko' | 'en') => {
      const img = p.images.find((i) => i.lang === lang);
      return img ? `![${md(img.alt)}](${img.file})` : '—';
    };
    out.push('| 한국어 | English |', '|---|---|', `| ${cell('ko')} | ${cell('en')} |`, '');
    const drafted = p.images.filter((i) => i.altDrafted);
    if (drafted.length) out.push(`_대체 텍스트는 자동으로 작성되었습니다 / Alt text was drafted automatically: ${drafted.map((i) => `${i.lang}: ${md(i.alt)}`).join(' · ')}_`, '');
  }
  return out;
}

export function formatMarkdown(result: CheckResult): string {
  const verdict = result.ok
    ? `✅ 통과 / passed${result.warnings ? ` (${result.warnings} warning${result.warnings === 1 ? '' : 's'})` : ''}`
    : `❌ 오류 ${result.errors}개 / ${result.errors} error${result.errors === 1 ? '' : 's'}`;
  const lines = [
    REPORT_MARKER,
    `## citydash check: ${verdict}`,
    '',
    `${result.counts.datasets} datasets, ${result.counts.charts} charts checked.`,
    '',
    ...changes(result),
    ...problems(result.problems),
    ...previews(result),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
