// One deterministic change to the small bundled CCTV sample: the 2016 count and the total of
// the first gu go up by `k`, so the file, its snapshot and everything derived from it change.
import { readFile, writeFile } from 'node:fs/promises';

export async function bumpCctv(file: string, k: number): Promise<void> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const i = lines.findIndex((l, n) => n > 0 && l.trim() !== '');
  const cells = lines[i]!.split(',').map((c) => c.replace(/"/g, ''));
  const bump = (j: number) => { cells[j] = String(Number(cells[j]) + k); };
  bump(1);
  bump(cells.length - 1);
  lines[i] = cells.map((c) => `"${c}"`).join(',');
  await writeFile(file, lines.join('\n'));
}
