// `citydash init <dir>`: a new city's catalog repository, ready to build offline: settings, one
// example dataset with its schema and sample, one chart, a README for the data team, GitHub
// workflows (nightly with shards, pull-request check with previews) and editor support.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { CliError, quote } from '../../errors.ts';
import type { Effects } from '../../types.ts';
import { makeContext } from '../context.ts';
import type { RegisterCommand } from './index.ts';

interface InitOptions {
  titleKo?: string;
  titleEn?: string;
  baseUrl?: string;
  repository?: string;
  feedbackEmail?: string;
  quiet?: boolean;
  verbose?: boolean;
}

export interface InitIo {
  effects?: Effects;
}

/** What a folder may already hold: a fresh clone of an empty repository, with its licence. */
const ALLOWED = /^(\.git|LICEN[CS]E(\..*)?|COPYING)$/i;
const HTTP_URL = /^https?:\/\/\S+$/;
const EMAIL = /^[^\s@<>"'(),;:\\]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

const HELP = `
Writes a catalog that already builds: citydash.yaml, one example dataset (sources/, schemas/,
a sample CSV of invented figures) and one chart (viz-specs/), a README for the city's data team,
.github/workflows/ (nightly with shards, pull-request check with previews, the report comment)
that install citydash from the registry with Node.js 24, a package.json depending on citydash,
and .vscode/ settings so descriptors are checked against their schemas as they are typed.
The folder must be new or empty (a fresh clone with only .git and a licence is fine).

Examples:
  $ citydash init busan-dashboard --title-ko "부산 열린 데이터 대시보드" --title-en "Busan Open Data Dashboard"
  $ citydash init . --repository https://github.com/busan/dashboard --base-url https://data.busan.go.kr/dashboard/ --feedback-email opendata@busan.go.kr
  $ cd busan-dashboard && npm install && npx citydash run --offline`;

function checkText(flag: string, value: string): string {
  const text = value.trim();
  if (!text || text.length > 200) throw new CliError(`${flag} ${quote(value)}: give 1 to 200 characters`);
  return text;
}

function checkUrl(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!HTTP_URL.test(value) || value.length > 2000) throw new CliError(`${flag} ${quote(value)}: expected an http(s) URL`);
  return value;
}

/** `busan-dashboard` -> `Busan dashboard`: a readable default title from the folder name. */
function titleFromFolder(dir: string): string {
  const words = dir.split(/[-_\s.]+/).filter(Boolean).join(' ') || 'city';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

async function refuseUsedFolder(root: string): Promise<void> {
  const entries = await readdir(root).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    if (err.code === 'ENOTDIR') throw new CliError(`${root} is a file, not a folder`);
    throw err;
  });
  const used = entries.filter((name) => !ALLOWED.test(name));
  if (used.length) {
    const shown = used.slice(0, 5).join(', ') + (used.length > 5 ? `, … (${used.length} in all)` : '');
    throw new CliError(`${root} is not empty (${shown}); init writes a new catalog into a new or empty folder`);
  }
}

export function registerInit(io: InitIo = {}): RegisterCommand {
  return (program, setExit) => {
    program
      .command('init')
      .argument('<dir>', 'the new catalog\'s folder (created when missing)')
      .description('start a city\'s own catalog repository: settings, an example dataset and chart, workflows, editor support')
      .option('--title-ko <text>', 'the site\'s title in Korean (default: from the folder name)')
      .option('--title-en <text>', 'the site\'s title in English (default: from the folder name)')
      .option('--base-url <url>', 'the published site\'s address (canonical links, feeds)')
      .option('--repository <url>', 'the catalog\'s GitHub repository (pull requests; feedback as its issues)')
      .option('--feedback-email <address>', 'a mailbox that reads citizens\' feedback')
      .option('--quiet', 'only warnings and errors on stderr')
      .option('--verbose', 'debug output on stderr')
      .addHelpText('after', HELP)
      .action(async (dir: string, opts: InitOptions) => {
        const ctx = makeContext({ catalog: dir, quiet: opts.quiet, verbose: opts.verbose }, io.effects);
        const root = ctx.catalogRoot;
        const name = titleFromFolder(root.split(/[\\/]/).pop() ?? '');
        const settings = {
          titleKo: checkText('--title-ko', opts.titleKo ?? `${name} 데이터 대시보드`),
          titleEn: checkText('--title-en', opts.titleEn ?? `${name} data dashboard`),
          baseUrl: checkUrl('--base-url', opts.baseUrl),
          repository: checkUrl('--repository', opts.repository),
          feedbackEmail: opts.feedbackEmail,
        };
        if (settings.feedbackEmail !== undefined && !EMAIL.test(settings.feedbackEmail)) {
          throw new CliError(`--feedback-email ${quote(settings.feedbackEmail)}: expected an address such as opendata@city.go.kr`);
        }
        await refuseUsedFolder(root);
        const { initFiles } = await import('../../init/index.ts');
        for (const [path, text] of Object.entries(initFiles(root, settings))) {
          await mkdir(dirname(join(root, path)), { recursive: true });
          await writeFile(join(root, path), text, { flag: 'wx' });
          ctx.effects.log.info(`wrote ${path}`);
        }
        const rel = relative(process.cwd(), root);
        const cd = rel === '' ? '.' : rel.startsWith('..') ? root : rel;
        ctx.effects.log.info(`next:\n  cd ${cd}\n  npm install                 # installs citydash; commit package-lock.json\n  npx citydash run --offline  # builds the site from the example's sample into dist/site\n  then see README.md for connecting real sources and the nightly run`);
        setExit(0);
      });
  };
}

export const register: RegisterCommand = registerInit();
