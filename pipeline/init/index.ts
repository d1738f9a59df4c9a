// `citydash init`: the files of a new city's catalog repository. Pure: the command writes them.
// Descriptors start with the line that names their schema, and .vscode/ maps the rest, so the
// editor checks them as they are typed; the workflows install citydash from the registry.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { descriptorKindOf, vscodeSettings, withModeline } from '../catalog/index.ts';
import { exampleFiles } from './example.ts';
import { readme } from './readme.ts';
import { settingsYaml, type InitSettings } from './settings.ts';

export { EXAMPLE } from './example.ts';
export type { InitSettings } from './settings.ts';

/** The Node.js line the scaffolded workflows use (the current LTS). */
export const WORKFLOW_NODE = 24;
const WORKFLOWS = ['nightly.yml', 'pr.yml', 'pr-comment.yml'];

/** This citydash's version (package.json beside pipeline/ or lib/). */
export function citydashVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function packageJson(root: string, settings: InitSettings, version: string): string {
  const name = basename(root).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[-]+$/g, '') || 'city-dashboard';
  const pkg = {
    name,
    private: true,
    description: `${settings.titleEn}: the catalog of the city's open-data dashboard, built with citydash`,
    scripts: {
      start: 'citydash run',
      check: 'citydash check',
      preview: 'citydash run --offline --no-publish && citydash serve',
    },
    dependencies: { citydash: `^${version}` },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const GITIGNORE = `node_modules/
# citydash's working folder (fetched and validated data) and its output
.citydash/
.citydash-base/
dist/
`;

const VSCODE_EXTENSIONS = `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n`;

/** Catalog-relative path -> content of everything `citydash init` writes into `root`. */
export function initFiles(root: string, settings: InitSettings): Record<string, string> {
  const version = citydashVersion();
  const files: Record<string, string> = {
    'citydash.yaml': settingsYaml(settings),
    ...exampleFiles(),
    'README.md': readme({ titleKo: settings.titleKo, titleEn: settings.titleEn, citydashVersion: version }),
    'package.json': packageJson(root, settings, version),
    '.gitignore': GITIGNORE,
    '.vscode/settings.json': vscodeSettings(root),
    '.vscode/extensions.json': VSCODE_EXTENSIONS,
  };
  for (const name of WORKFLOWS) files[`.github/workflows/${name}`] = readFileSync(new URL(`./workflows/${name}`, import.meta.url), 'utf8');
  for (const [path, text] of Object.entries(files)) {
    const kind = descriptorKindOf(path);
    if (kind) files[path] = withModeline(text, kind, root, path);
  }
  return files;
}
