// The change-log diff (what `citydash run` computes per changed dataset) on the mid-size
// validated snapshot the ingest made from the generated Seoul CSV, against a copy with 1% of
// the rows revised, 0.1% removed and 0.1% added (folded in from scripts/diff-bench.ts).
//   node --import tsx diff.ts prepare <work> <dataset-id> <out-dir>   writes the changed copy (not measured)
//   node --import tsx diff.ts run <work> <dataset-id> <out-dir>       diffs the snapshot against it
// The run checks the counts it finds against the changes made, and fails on any difference.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { diffSnapshots } from '../../../pipeline/cycle/diff.ts';
import { readSnapshotMeta } from '../../../pipeline/snapshot-store.ts';
import type { Row, SnapshotMeta } from '../../../pipeline/types.ts';
import { workDir } from '../../../pipeline/workdir.ts';
import { arg, exitIfWarmup, reportResult } from './report.ts';

const [mode, work, id, out] = [arg(0, 'prepare | run'), workDir(arg(1, 'work dir')), arg(2, 'dataset id'), arg(3, 'out dir')];
const PRIMARY_KEY = ['date', 'station'];
const isRevised = (i: number) => i % 100 === 0;
const isRemoved = (i: number) => i % 1000 === 7;
const changedRows = join(out, 'changed.ndjson');
const changedMeta = join(out, 'changed.meta.json');
const expectedFile = join(out, 'expected.json');

async function meta(): Promise<SnapshotMeta> {
  const m = await readSnapshotMeta(work, id);
  if (!m) throw new Error(`no snapshot of ${id} in ${work.root} (the ingest stage makes it)`);
  return m;
}

/** Every row of the snapshot once; revised, removed and added rows as the comment above says. */
async function prepare(): Promise<void> {
  const before = await meta();
  const write = createWriteStream(changedRows);
  const hash = createHash('sha256');
  const added: string[] = [];
  const counts = { revised: 0, removed: 0, added: 0 };
  let rows = 0;
  let i = 0;
  const emit = async (line: string) => {
    hash.update(line);
    rows++;
    if (!write.write(line)) await once(write, 'drain');
  };
  for await (const line of createInterface({ input: createReadStream(work.rows(id), 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    const n = i++;
    // Added rows: copies of every 1000th row a thousand years later (the generated dates are all before 3000).
    if (n % 1000 === 0) {
      const copy = JSON.parse(line) as Row;
      copy.date = `${Number(String(copy.date).slice(0, 4)) + 1000}${String(copy.date).slice(4)}`;
      added.push(`${JSON.stringify(copy)}\n`);
    }
    if (isRemoved(n)) {
      counts.removed++;
      continue;
    }
    if (isRevised(n)) {
      const row = JSON.parse(line) as Row;
      row.pm10 = typeof row.pm10 === 'number' ? row.pm10 + 1 : 1;
      counts.revised++;
      await emit(`${JSON.stringify(row)}\n`);
      continue;
    }
    await emit(`${line}\n`);
  }
  for (const line of added) await emit(line);
  counts.added = added.length;
  write.end();
  await once(write, 'close');
  const after: SnapshotMeta = { ...before, rows, hash: hash.digest('hex') };
  await writeFile(changedMeta, `${JSON.stringify(after)}\n`);
  await writeFile(expectedFile, `${JSON.stringify({ before: before.rows, ...counts })}\n`);
}

async function run(): Promise<void> {
  exitIfWarmup();
  const before = await meta();
  const after = JSON.parse(await readFile(changedMeta, 'utf8')) as SnapshotMeta;
  const expected = JSON.parse(await readFile(expectedFile, 'utf8')) as { before: number; revised: number; removed: number; added: number };
  const diff = await diffSnapshots({ rows: work.rows(id), meta: before }, { rows: changedRows, meta: after }, PRIMARY_KEY, { sampleSize: 20 });
  const got = { before: diff.rows.before, revised: diff.rows.revised, removed: diff.rows.removed, added: diff.rows.added };
  if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`diff counts ${JSON.stringify(got)} are not the changes made ${JSON.stringify(expected)}`);
  reportResult({ rows: diff.rows.before, ...got, revisedByColumn: diff.revisedByColumn });
}

if (mode === 'prepare') await prepare();
else if (mode === 'run') await run();
else throw new Error(`mode ${JSON.stringify(mode)}: expected prepare or run`);
