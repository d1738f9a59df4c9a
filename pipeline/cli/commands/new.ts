// `citydash new chart --dataset ID --id NEW-ID [--area A]` and
// `citydash new dataset --id ID --department DEPT`: commented starting files that pass check.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { didYouMean, loadCatalog } from '../../catalog/index.ts';
import { newChartYaml, newDatasetFiles } from '../../check/index.ts';
import { CliError } from '../../errors.ts';
import type { Effects } from '../../types.ts';
import { makeContext, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface NewIo {
  effects?: Effects;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

function checkId(what: string, id: string): void {
  if (!ID.test(id) || id.length > 80) throw new CliError(`${what} ${JSON.stringify(id)}: use lowercase letters, digits and single dashes (e.g. pm25-by-gu)`);
}

/** Writes new files only: never overwrites what an author already has. */
async function writeNew(root: string, files: Record<string, string>, effects: Effects): Promise<void> {
  for (const path of Object.keys(files)) if (await exists(resolve(root, path))) throw new CliError(`${path} already exists; choose another id`);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(resolve(root, path)), { recursive: true });
    await writeFile(resolve(root, path), text, { flag: 'wx' });
    effects.log.info(`wrote ${path}`);
  }
  effects.log.info('next: edit the file(s), then run `npx citydash check`');
}

interface ChartOptions extends CommonOptions { dataset: string; id: string; area?: string }
interface DatasetOptions extends CommonOptions { id: string; department: string }

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
        const { catalog } = await loadCatalog(ctx.catalogRoot);
        const ds = catalog.datasets.find((d) => d.id === opts.dataset);
        if (!ds) throw new CliError(`--dataset ${JSON.stringify(opts.dataset)} is not a dataset of the catalog (or has errors; run citydash check)${didYouMean(opts.dataset, catalog.datasets.map((d) => d.id))}`);
        if (catalog.charts.some((c) => c.id === opts.id)) throw new CliError(`a chart with id ${JSON.stringify(opts.id)} already exists`);
        const areas = Object.keys(catalog.settings.areas);
        const area = opts.area ?? areas[0];
        if (!area || !areas.includes(area)) throw new CliError(`--area ${JSON.stringify(opts.area ?? '')}: use one of ${areas.join(', ') || '(none: add areas to citydash.yaml)'}`);
        await writeNew(ctx.catalogRoot, { [`viz-specs/${area}/${opts.id}.yaml`]: newChartYaml(opts.id, area, ds) }, ctx.effects);
      });
    cmd
      .command('dataset')
      .description('a dataset with its row schema and a sample: sources/<department>/<id>.yaml')
      .requiredOption('--id <id>', 'the new dataset id (lowercase, digits, dashes)')
      .requiredOption('--department <dept>', 'department id, e.g. climate-environment')
      .option('--catalog <dir>', 'catalog root', '.')
      .action(async (opts: DatasetOptions) => {
        const ctx = makeContext(opts, io.effects);
        checkId('--id', opts.id);
        checkId('--department', opts.department);
        if (opts.department === 'derived') throw new CliError('--department derived is for derived datasets (from + sql); name the publishing department');
        const { catalog } = await loadCatalog(ctx.catalogRoot);
        if (catalog.datasets.some((d) => d.id === opts.id)) throw new CliError(`a dataset with id ${JSON.stringify(opts.id)} already exists`);
        const known = catalog.datasets.find((d) => d.department.id === opts.department)?.department;
        const department = known ?? { id: opts.department, ko: '부서 이름', en: 'Department name' };
        await writeNew(ctx.catalogRoot, newDatasetFiles(opts.id, department), ctx.effects);
      });
  };
}

export const register: RegisterCommand = registerNew();
