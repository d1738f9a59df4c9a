// The catalog the ingest, growth, XLSX and transform figures run on: the bundled
// air-quality-daily descriptor and schema, turned into a `file` source (the child points it at
// each generated file), the bundled monthly-by-gu derived dataset, and an XLSX twin of the
// daily descriptor. Copied from the bundled catalog, so the bench measures what ships.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const AIR_ID = 'air-quality-daily';
export const AIR_XLSX_ID = 'air-quality-daily-xlsx';
export const MONTHLY_ID = 'air-quality-monthly-by-gu';

async function yamlOf(path: string) {
  return parseDocument(await readFile(path, 'utf8'));
}

/** Writes the catalog under `root`, reading templates from the repository at `repo`. */
export async function writeIngestCatalog(repo: string, root: string): Promise<void> {
  for (const dir of ['sources/climate-environment', 'sources/derived', 'schemas', 'viz-specs']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'citydash.yaml'), 'siteTitle: {ko: 성능 측정, en: Benchmark}\nareas: {environment: {ko: 환경, en: Environment}}\n');
  for (const id of [AIR_ID, MONTHLY_ID]) await copyFile(join(repo, 'schemas', `${id}.schema.json`), join(root, 'schemas', `${id}.schema.json`));

  const air = await yamlOf(join(repo, 'sources/climate-environment', `${AIR_ID}.yaml`));
  // The catalog loader wants the file to exist; each child run points the path at the file it measures.
  await writeFile(join(root, 'sources/climate-environment', 'placeholder.csv'), '');
  await writeFile(join(root, 'sources/climate-environment', 'placeholder.xlsx'), '');
  air.set('extract', { kind: 'file', path: 'placeholder.csv', format: 'csv', encoding: 'auto' });
  await writeFile(join(root, 'sources/climate-environment', `${AIR_ID}.yaml`), air.toString());

  const xlsx = await yamlOf(join(repo, 'sources/climate-environment', `${AIR_ID}.yaml`));
  xlsx.set('id', AIR_XLSX_ID);
  xlsx.set('extract', { kind: 'file', path: 'placeholder.xlsx', format: 'xlsx', xlsx: { sheet: 0, headerRows: 1 } });
  await writeFile(join(root, 'sources/climate-environment', `${AIR_XLSX_ID}.yaml`), xlsx.toString());

  await copyFile(join(repo, 'sources/derived', `${MONTHLY_ID}.yaml`), join(root, 'sources/derived', `${MONTHLY_ID}.yaml`));
}
