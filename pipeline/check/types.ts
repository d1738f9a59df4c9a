// What `citydash check` returns: every problem found in one run, what a pull request
// changes compared with its base, and where the previews of new or changed charts went.
import type { Lang, Problem } from '../types.ts';

export interface CheckOptions {
  /** Report only problems in these catalog-relative files or folders (all when empty). */
  changedPaths?: string[];
  /** A checkout of the base branch: ids that disappear are flagged; changes are listed. */
  base?: { root: string } | null;
  /** Render new or changed charts (both languages) as PNG files into this folder. */
  previews?: { outDir: string };
}

export interface ChangeList {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface CatalogChanges {
  /** False when no base was given: everything then counts as added. */
  comparedWithBase: boolean;
  charts: ChangeList;
  datasets: ChangeList;
}

export interface PreviewImage {
  lang: Lang;
  /** Path relative to the preview folder (e.g. `pm25-by-district.ko.png`). */
  file: string;
  alt: string;
  altDrafted: boolean;
}

export interface ChartPreview {
  chart: string;
  /** Catalog-relative chart file. */
  file: string;
  title: { ko: string; en: string };
  status: 'added' | 'changed';
  images: PreviewImage[];
  /** Why the chart could not be previewed (its own problems, or missing data). */
  skipped?: string;
}

export interface CheckResult {
  ok: boolean;
  errors: number;
  warnings: number;
  problems: Problem[];
  changes: CatalogChanges;
  previews: ChartPreview[];
  /** Absolute preview folder, when previews were asked for. */
  previewDir?: string;
  counts: { datasets: number; charts: number; files: number };
}
