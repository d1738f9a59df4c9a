// citydash.yaml: site title, links and chart areas. A catalog without one still loads,
// with defaults and a warning.
import { addSecretNames } from '../secret-guard.ts';
import type { CatalogSettings, Problem } from '../types.ts';
import { ajvProblems, show } from './ajv-problems.ts';
import { descriptorValidator } from './descriptor-schemas.ts';
import { feedbackSettingsProblems } from './feedback-settings.ts';
import { isObj } from './file-rules.ts';
import { readCatalogText } from './files.ts';
import { toSettings } from './normalize.ts';
import { hasErrors, problemAt, problemInFile } from './problem.ts';
import { parseSourceDoc } from './source-doc.ts';

export const SETTINGS_FILE = 'citydash.yaml';

export interface SettingsResult {
  /** Undefined when the file is missing or has errors (the caller falls back to defaults). */
  settings?: CatalogSettings;
  problems: Problem[];
}

export async function loadSettings(root: string): Promise<SettingsResult> {
  const read = await readCatalogText(root, SETTINGS_FILE);
  if ('error' in read) {
    if (read.error === 'not found') {
      return { problems: [problemInFile(SETTINGS_FILE, `no ${SETTINGS_FILE} in the catalog: using default settings (site title "서울 데이터 대시보드 / Seoul data dashboard", chart areas named after the viz-specs folders)`, { severity: 'warning', rule: 'settings' })] };
    }
    return { problems: [problemInFile(SETTINGS_FILE, `${SETTINGS_FILE} ${read.error}`, { rule: 'settings' })] };
  }
  const source = parseSourceDoc(SETTINGS_FILE, read.text);
  const problems = [...source.problems];
  if (hasErrors(problems)) return { problems };
  if (!isObj(source.value)) {
    problems.push(problemAt(source, '', `${SETTINGS_FILE} must be a mapping (siteTitle: ..., areas: ...); got ${show(source.value)}`, { rule: 'schema' }));
    return { problems };
  }
  const validate = descriptorValidator('settings');
  if (!validate(source.value)) problems.push(...ajvProblems(source, validate.errors));
  else problems.push(...feedbackSettingsProblems(source, source.value));
  if (hasErrors(problems)) return { problems };
  const settings = toSettings(source.value);
  // Every command reads the settings before it writes anything from this catalog: the names
  // citydash.yaml lists under `secrets` are masked from here on (pipeline/secret-guard.ts).
  addSecretNames(settings.secrets);
  return { settings, problems };
}
