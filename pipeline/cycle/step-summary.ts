// `citydash run` in GitHub Actions: the cycle's change log as Markdown in the job summary
// ($GITHUB_STEP_SUMMARY names a file the runner renders; we append, as other steps may too).
import { appendFile } from 'node:fs/promises';
import { maskText } from '../secret-guard.ts';
import type { Effects } from '../types.ts';

export async function appendStepSummary(effects: Effects, markdown: string): Promise<boolean> {
  const file = effects.env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  try {
    await appendFile(file, maskText(markdown.endsWith('\n') ? markdown : `${markdown}\n`), 'utf8');
    return true;
  } catch (err) {
    effects.log.warn(`could not append the change log to $GITHUB_STEP_SUMMARY (${file}): ${(err as Error).message}`);
    return false;
  }
}
