// Limits checked before a workbook is parsed, so a hostile or broken upload costs a zip
// directory walk and one streaming inflate, never SheetJS's full in-memory parse.
import * as XLSX from 'xlsx';
import { XlsxError } from './xlsx-error.ts';
import { centralDirectory, checkEntry, declaredDimension, isZip } from './xlsx-zip.ts';

export interface WorkbookLimits {
  maxUncompressedBytes: number;
  maxCells: number;
}
export const DEFAULT_LIMITS: WorkbookLimits = { maxUncompressedBytes: 200 * 1024 * 1024, maxCells: 5_000_000 };

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
/** <dimension> follows <sheetPr> at the top of a worksheet part. */
const HEAD_BYTES = 64 * 1024;

/** Legacy .xls (and encrypted .xlsx) are OLE2 compound files; no compression to bomb. */
export function isCompoundFile(b: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return b.length >= 8 && magic.every((x, i) => b[i] === x);
}

export async function checkWorkbookLimits(bytes: Uint8Array, file: string, limits: WorkbookLimits): Promise<void> {
  if (isCompoundFile(bytes)) {
    if (bytes.length > limits.maxUncompressedBytes) throw overSize(file, bytes.length, limits, 'file size');
    return;
  }
  if (!isZip(bytes)) {
    const first = Array.from(bytes.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
    throw new XlsxError(file, `not an XLSX workbook: no zip signature at the start of the file (first bytes: ${first || 'none, the file is empty'})`);
  }
  const entries = centralDirectory(bytes, file);
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw overSize(file, declared, limits, `uncompressed size (sum over the zip central directory, ${entries.length} entries)`);
  }
  let cells = 0;
  const dims: string[] = [];
  for (const entry of entries) {
    const sheet = WORKSHEET.test(entry.name);
    const { head } = await checkEntry(bytes, entry, file, sheet ? HEAD_BYTES : 0);
    const ref = sheet ? declaredDimension(head) : undefined;
    if (ref) {
      cells += rangeCells(ref);
      dims.push(`${entry.name} ${ref}`);
    }
  }
  if (cells > limits.maxCells) throw overCells(file, cells, limits, `declared cell count (${dims.join(', ')})`);
}

export function rangeCells(ref: string): number {
  const r = XLSX.utils.decode_range(ref);
  return (r.e.r - r.s.r + 1) * (r.e.c - r.s.c + 1);
}

export function overCells(file: string, cells: number, limits: WorkbookLimits, what: string, sheet?: string): XlsxError {
  return new XlsxError(file, `${what} is ${cells} cells, over the limit maxCells ${limits.maxCells}; refusing to parse the workbook`, sheet);
}

function overSize(file: string, bytes: number, limits: WorkbookLimits, what: string): XlsxError {
  return new XlsxError(
    file,
    `${what} is ${bytes} bytes, over the limit maxUncompressedBytes ${limits.maxUncompressedBytes}; refusing to parse the workbook`,
  );
}
