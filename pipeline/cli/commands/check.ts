// `citydash check [paths...]`: lint the catalog a pull request changes; exit 3 on errors.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { CliError } from '../../errors.ts';
import type { Effects } from '../../types.ts';
import { addCommonOptions, makeContext, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

export const EXIT_CHECK_FAILED = 3;
const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

interface CheckCliOptions extends CommonOptions {
  base?: string;
  format?: string;
  previewDir?: string;
}

export interface CheckIo {
  effects?: Effects;
  /** Where the report goes (default stdout). */
  stdout?: (text: string) => void;
}

const HELP = `
Checks source descriptors, row schemas, derived SQL and chart specs, and reports every
problem as path:line:col: message — hint. Nothing in the catalog is run: specs are checked
as data, SQL is parsed and bound on empty tables with no file or network access.

--format markdown writes a pull-request comment: what changed compared with --base, the
problems by file, and preview PNGs of each new or changed chart (Korean and English) in
--preview-dir (default dist/check), referenced by relative path.

Exit codes: 0 no errors (warnings allowed); 3 errors found; 1 usage or internal error.

Examples:
  $ citydash check
  $ citydash check viz-specs/environment/my-chart.yaml
  $ citydash check --base ../main-checkout --format markdown --preview-dir dist/check > dist/check/report.md`;

export function registerCheck(io: CheckIo = {}): RegisterCommand {
  return (program, setExit) => {
    const cmd = program
      .command('check')
      .argument('[paths...]', 'only report problems in these files or folders')
      .description('lint catalog, schemas, SQL and chart specs for a pull request; renders previews')
      .option('--base <dir>', 'a checkout of the base branch: lists changes, flags ids that disappeared')
      .option('--format <format>', `report format: ${FORMATS.join(', ')}`, 'text')
      .option('--preview-dir <dir>', 'write previews of new and changed charts here (markdown default: dist/check)');
    addCommonOptions(cmd).addHelpText('after', HELP).action(async (paths: string[], opts: CheckCliOptions) => {
      setExit(await runCheck(paths, opts, io));
    });
  };
}

export const register: RegisterCommand = registerCheck();

async function runCheck(paths: string[], opts: CheckCliOptions, io: CheckIo): Promise<number> {
  const format = (opts.json ? 'json' : opts.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new CliError(`--format ${JSON.stringify(opts.format)}: use one of ${FORMATS.join(', ')}`);
  const ctx = makeContext(opts, io.effects);
  const changedPaths = paths.map((p) => {
    const rel = relative(ctx.catalogRoot, resolve(p)).split('\\').join('/');
    if (rel.startsWith('..') || isAbsolute(rel)) throw new CliError(`${JSON.stringify(p)} is not inside the catalog ${ctx.catalogRoot}`);
    return rel;
  });
  if (opts.base && !(await stat(resolve(opts.base)).then((s) => s.isDirectory(), () => false))) {
    throw new CliError(`--base ${JSON.stringify(opts.base)}: no such folder (give a checkout of the base branch)`);
  }
  const previewDir = opts.previewDir ?? (format === 'markdown' ? 'dist/check' : undefined);
  const { checkCatalog, formatMarkdown, formatText } = await import('../../check/index.ts');
  const result = await checkCatalog(ctx.catalogRoot, {
    changedPaths,
    base: opts.base ? { root: resolve(opts.base) } : null,
    previews: previewDir ? { outDir: resolve(previewDir) } : undefined,
  }, ctx.effects);
  const text = format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format === 'markdown' ? formatMarkdown(result) : formatText(result);
  (io.stdout ?? ((t: string) => void process.stdout.write(t)))(text);
  return result.ok ? 0 : EXIT_CHECK_FAILED;
}
