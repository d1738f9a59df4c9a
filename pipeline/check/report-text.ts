// The plain-text report (the default): one `path:line:col: message — hint` line per problem,
// then a summary line. This is the format editors and terminals turn into clickable links.
import { formatProblem } from '../catalog/index.ts';
import type { CheckResult } from './types.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(result: CheckResult): string {
  const lines = result.problems.map(formatProblem);
  const { charts, datasets, comparedWithBase } = result.changes;
  if (comparedWithBase) {
    const part = (what: string, l: typeof charts) =>
      `${what}: ${l.added.length} added, ${l.changed.length} changed, ${l.removed.length} removed`;
    lines.push(`changes vs base — ${part('charts', charts)}; ${part('datasets', datasets)}`);
  }
  for (const p of result.previews) {
    lines.push(p.skipped ? `preview of ${p.chart} skipped: ${p.skipped}` : `preview: ${p.images.map((i) => i.file).join(', ')}`);
  }
  const checked = `${plural(result.counts.datasets, 'dataset')}, ${plural(result.counts.charts, 'chart')} checked`;
  const files = new Set(result.problems.filter((p) => p.severity === 'error').map((p) => p.file)).size;
  lines.push(
    result.ok
      ? `check passed: ${checked}${result.warnings ? ` (${plural(result.warnings, 'warning')})` : ''}`
      : `check failed: ${plural(result.errors, 'error')} in ${plural(files, 'file')}${result.warnings ? `, ${plural(result.warnings, 'warning')}` : ''} (${checked})`,
  );
  return `${lines.join('\n')}\n`;
}
