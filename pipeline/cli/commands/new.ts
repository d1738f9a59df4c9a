// `citydash new chart --dataset ID --id NEW-ID [--area A]`,
// `citydash new dataset --from FILE|URL|seoul-openapi:SERVICE [--id ID] [--department DEPT]`
// (descriptor and row schema inferred from the data) and
// `citydash new dataset --id ID --department DEPT` (a commented template): starting files
// that pass check.
import { constants } from 'node:fs';
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from '../../errors.ts';
import { summaryLines } from '../onboard-summary.ts';
import type { Catalog, Effects } from '../../types.ts';
import { makeContext, type CommonOptions, type RunContext } from '../context.ts';
import type { RegisterCommand } from './index.ts';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface NewIo {
  effects?: Effects;
  /** Where --json output goes (default stdout). */
  stdout?: (text: string) => void;
  /** Folder a relative --from path is read from (default the process's). */
  cwd?: string;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

function checkId(what: string, id: string): void {
  if (!ID.test(id) || id.length > 80) throw new CliError(`${what} ${JSON.stringify(id)}: use lowercase letters, digits and single dashes (e.g. pm25-by-gu)`);
}

/**
 * Writes new files only: never overwrites what an author already has. Descriptors start with
 * the line that lets the editor check them against their schema as they are typed.
 */
async function writeNew(root: string, files: Record<string, string | Uint8Array>, effects: Effects, copies: Record<string, string> = {}): Promise<void> {
  const { descriptorKindOf, withModeline } = await import('../../catalog/index.ts');
  const paths = [...Object.keys(files), ...Object.keys(copies)];
  for (const path of paths) if (await exists(resolve(root, path))) throw new CliError(`${path} already exists; choose another id`);
  for (const [path, written] of Object.entries(files)) {
    const kind = descriptorKindOf(path);
    const content = kind && typeof written === 'string' ? withModeline(written, kind, root, path) : written;
    await mkdir(dirname(resolve(root, path)), { recursive: true });
    await writeFile(resolve(root, path), content, { flag: 'wx' });
    effects.log.info(`wrote ${path}`);
  }
  for (const [path, from] of Object.entries(copies)) {
    await mkdir(dirname(resolve(root, path)), { recursive: true });
    await copyFile(from, resolve(root, path), constants.COPYFILE_EXCL);
    effects.log.info(`copied the file in as ${path}`);
  }
}

interface ChartOptions extends CommonOptions { dataset: string; id: string; area?: string }
interface DatasetOptions extends CommonOptions { id?: string; department?: string; from?: string; sheet?: string }

export function registerNew(io: NewIo = {}): RegisterCommand {
  return (program) => {
    const cmd = program.command('new').description('write a commented starting file for a chart or a dataset');
    cmd
      .command('chart')
      .description('a chart of one dataset: viz-specs/<area>/<id>.yaml')
      .requiredOption('--dataset <id>', 'the dataset the chart reads')
      .requiredOption('--id <new-id>', 'the new chart id (lowercase, digits, dashes)')
      .option('--area <area>', 'home-page area (default: the first in citydash.yaml)')
      .option('--catalog <dir>', 'catalog root', '.')
      .action(async (opts: ChartOptions) => {
        const ctx = makeContext(opts, io.effects);
        checkId('--id', opts.id);
        const { didYouMean, loadCatalog } = await import('../../catalog/index.ts');
        const { newChartYaml } = await import('../../check/index.ts');
        const { catalog } = await loadCatalog(ctx.catalogRoot, { env: ctx.effects.env });
        const ds = catalog.datasets.find((d) => d.id === opts.dataset);
        if (!ds) throw new CliError(`--dataset ${JSON.stringify(opts.dataset)} is not a dataset of the catalog (or has errors; run citydash check)${didYouMean(opts.dataset, catalog.datasets.map((d) => d.id))}`);
        if (catalog.charts.some((c) => c.id === opts.id)) throw new CliError(`a chart with id ${JSON.stringify(opts.id)} already exists`);
        const areas = Object.keys(catalog.settings.areas);
        const area = opts.area ?? areas[0];
        if (!area || !areas.includes(area)) throw new CliError(`--area ${JSON.stringify(opts.area ?? '')}: use one of ${areas.join(', ') || '(none: add areas to citydash.yaml)'}`);
        await writeNew(ctx.catalogRoot, { [`viz-specs/${area}/${opts.id}.yaml`]: newChartYaml(opts.id, area, ds) }, ctx.effects);
        ctx.effects.log.info('next: edit the file, then run `npx citydash check`');
      });
    cmd
      .command('dataset')
      .description('a dataset: sources/<department>/<id>.yaml and schemas/<id>.schema.json, inferred from its data with --from')
      .option('--from <source>', 'infer everything from a file, an http(s) URL or seoul-openapi:SERVICE[/param...]')
      .option('--id <id>', 'the new dataset id (lowercase, digits, dashes; with --from, default from the file name)')
      .option('--department <dept>', 'department id, e.g. climate-environment')
      .option('--sheet <name>', 'with --from on a workbook: the sheet to read (default: the one with the most data)')
      .option('--catalog <dir>', 'catalog root', '.')
      .option('--json', 'print the summary as JSON on stdout')
      .option('--quiet', 'only warnings and errors on stderr')
      .addHelpText('after', DATASET_HELP)
      .action(async (opts: DatasetOptions) => {
        const ctx = makeContext(opts, io.effects);
        if (!opts.from && !opts.id) throw new CliError('new dataset needs --from FILE (to infer it from the data) or --id ID --department DEPT (for a template)');
        if (!opts.from && !opts.department) throw new CliError('new dataset --id needs --department DEPT (or use --from FILE to infer the dataset from its file)');
        if (opts.sheet !== undefined && !opts.from) throw new CliError('--sheet goes with --from <workbook>');
        if (opts.id !== undefined) checkId('--id', opts.id);
        if (opts.department !== undefined) {
          checkId('--department', opts.department);
          if (opts.department === 'derived') throw new CliError('--department derived is for derived datasets (from + sql); name the publishing department');
        }
        const { loadCatalog } = await import('../../catalog/index.ts');
        const { newDatasetFiles, PLACEHOLDER_DEPARTMENT } = await import('../../onboard/index.ts');
        const { catalog } = await loadCatalog(ctx.catalogRoot, { env: ctx.effects.env });
        if (opts.id && catalog.datasets.some((d) => d.id === opts.id)) throw new CliError(`a dataset with id ${JSON.stringify(opts.id)} already exists`);
        const known = opts.department ? catalog.datasets.find((d) => d.department.id === opts.department)?.department : undefined;
        if (!opts.from) {
          await writeNew(ctx.catalogRoot, newDatasetFiles(opts.id!, known ?? { id: opts.department!, ...PLACEHOLDER_DEPARTMENT }), ctx.effects);
          ctx.effects.log.info('next: edit the files, then run `npx citydash check`');
          return;
        }
        await fromSource(ctx, catalog, opts, known, io);
      });
  };
}

export const register: RegisterCommand = registerNew();

const DATASET_HELP = `
With --from, the source is read the way fetch and validate will read it, and the descriptor and
row schema are written to validate it as it is: encoding, delimiter, title rows, header rows,
sheet, totals rows, each column's name, type, date format, unit and empty cells, the gu
column and a primary key unique over the whole file. Lines it had to guess are marked
"check:". A file outside the catalog is copied in under sources/<department>/data/; a URL's
response and a Seoul Open API page (SEOUL_API_KEY) are kept as the sample.

Examples:
  $ citydash new dataset --from ~/Downloads/대기오염도_2018.csv --department climate-environment
  $ citydash new dataset --from budget.xlsx --id budget-2025 --department finance --sheet 집행현황
  $ citydash new dataset --from seoul-openapi:DailyAverageAirQuality/20250101 --id air-daily --department climate-environment
  $ citydash new dataset --id noise-complaints --department citizen-communication   # a template`;

async function fromSource(ctx: RunContext, catalog: Catalog, opts: DatasetOptions, known: Catalog['datasets'][number]['department'] | undefined, io: NewIo): Promise<void> {
  const { defaultId, onboardDataset, parseFrom, PLACEHOLDER_DEPARTMENT, UNASSIGNED_DEPARTMENT } = await import('../../onboard/index.ts');
  const department = opts.department ? known ?? { id: opts.department, ...PLACEHOLDER_DEPARTMENT } : UNASSIGNED_DEPARTMENT;
  const cwd = io.cwd ?? process.cwd();
  const id = opts.id ?? defaultId(parseFrom(opts.from!, cwd));
  if (catalog.datasets.some((d) => d.id === id)) throw new CliError(`a dataset with id ${JSON.stringify(id)} already exists; give another with --id`);
  const result = await onboardDataset({ from: opts.from!, catalogRoot: ctx.catalogRoot, cwd, id, department, departmentKnown: Boolean(known), sheet: opts.sheet }, ctx.effects);
  await writeNew(ctx.catalogRoot, result.files, ctx.effects, result.copies);
  for (const line of summaryLines(result.summary)) ctx.effects.log.info(line);
  ctx.effects.log.info(`next: review the lines marked "check:", then run \`npx citydash check\` and \`npx citydash validate ${result.id}\``);
  if (ctx.json) (io.stdout ?? ((t) => process.stdout.write(t)))(`${JSON.stringify({ ok: true, ...result.summary, written: [...Object.keys(result.files), ...Object.keys(result.copies)] }, null, 2)}\n`);
}

