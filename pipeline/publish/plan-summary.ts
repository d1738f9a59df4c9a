// What `--dry-run` prints: counts per stage, bytes, the first paths; nothing is written.
import { STAGES } from './cache-policy.ts';
import type { PublishResult } from './publish.ts';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatPlan(r: PublishResult, graceDays: number, firstPaths = 10): string[] {
  const bytes = r.uploads.reduce((n, u) => n + u.size, 0);
  const perStage = STAGES.map((s) => `${s} ${r.uploads.filter((u) => u.stage === s).length}`).join(', ');
  const lines = [
    `dry run: nothing changed on ${r.target}`,
    `cycle ${r.cycle}${r.previousCycle ? ` (live: ${r.previousCycle})` : ' (first publish)'}: ${r.files} files in the site`,
    `would upload ${r.uploads.length} objects, ${formatBytes(bytes)}: ${perStage}`,
    `unchanged ${r.unchanged}; already on the target ${r.alreadyOnTarget}; would retire ${r.retired.length}; would delete ${r.deleted.length} (retired over ${graceDays} days ago)`,
  ];
  const shown = r.uploads.slice(0, firstPaths);
  for (const u of shown) lines.push(`  ${u.stage.padEnd(9)} ${u.reason.padEnd(10)} ${u.path} (${formatBytes(u.size)})`);
  if (r.uploads.length > shown.length) lines.push(`  … and ${r.uploads.length - shown.length} more`);
  return lines;
}
