import type { SourceLocation } from '../types.ts';

/** "line 34" (CSV), "sheet Sheet1, row 5" (XLSX), "page 2, index 17" (API), "row 9" (derived). */
export function describeLocation(loc: SourceLocation): string {
  const parts: string[] = [];
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.sheet !== undefined) parts.push(`sheet ${loc.sheet}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.page !== undefined) parts.push(`page ${loc.page}`);
  if (loc.index !== undefined) parts.push(`index ${loc.index}`);
  return parts.length ? parts.join(', ') : 'somewhere';
}

/** `describeLocation` prefixed with the file when there is one: "x.csv line 34". */
export function describeLocationInFile(loc: SourceLocation): string {
  return loc.file ? `${loc.file} ${describeLocation(loc)}` : describeLocation(loc);
}

// Duplicate-key detection keeps one location per row seen. A SourceLocation object costs
// ~40 bytes and a million of them would break the flat-memory budget, so they are packed
// into one double: a 2-bit kind, an interned file/sheet index and the position numbers.
const KIND = { line: 0, sheetRow: 1, pageIndex: 2, row: 3 } as const;
const B = 2 ** 30; // positions (line, row, index) below ~1.07e9
const A = 2 ** 13; // pages or sheet ids below 8192

/** Packs SourceLocations into numbers (exact below 2^53) and back. */
export class LocationCodec {
  private readonly names: (string | undefined)[] = [];
  private readonly nameIds = new Map<string | undefined, number>();

  encode(loc: SourceLocation): number {
    const file = this.intern(loc.file);
    if (loc.line !== undefined) return this.pack(KIND.line, file, 0, loc.line);
    if (loc.sheet !== undefined && loc.row !== undefined) return this.pack(KIND.sheetRow, file, this.intern(loc.sheet), loc.row);
    if (loc.page !== undefined) return this.pack(KIND.pageIndex, file, loc.page, loc.index ?? 0);
    return this.pack(KIND.row, file, 0, loc.row ?? loc.index ?? 0);
  }

  decode(n: number): SourceLocation {
    const kind = n % 4;
    const file = Math.floor(n / 4) % 256;
    const rest = Math.floor(n / 1024);
    const a = Math.floor(rest / B);
    const b = rest % B;
    const loc: SourceLocation = {};
    const fileName = this.names[file];
    if (fileName !== undefined) loc.file = fileName;
    if (kind === KIND.line) loc.line = b;
    else if (kind === KIND.sheetRow) Object.assign(loc, { sheet: this.names[a], row: b });
    else if (kind === KIND.pageIndex) Object.assign(loc, { page: a, index: b });
    else loc.row = b;
    return loc;
  }

  // Layout, low to high: kind (2 bits) | name id (8 bits) | b (30 bits) | a (13 bits) = 53 bits.
  private pack(kind: number, file: number, a: number, b: number): number {
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < A && b < B)) {
      throw new RangeError(`source location out of the recordable range: ${a}/${b}`);
    }
    return ((a * B + b) * 256 + file) * 4 + kind;
  }

  private lastName: string | undefined;
  private lastId = -1;

  private intern(name: string | undefined): number {
    // Nearly every record of a dataset names the same file or sheet.
    if (this.lastId >= 0 && name === this.lastName) return this.lastId;
    let id = this.nameIds.get(name);
    if (id === undefined) {
      // More distinct files/sheets than this in one dataset is not a real input; share the last slot.
      id = Math.min(this.names.length, 255);
      if (id === this.names.length) this.names.push(name);
      this.nameIds.set(name, id);
    }
    this.lastName = name;
    this.lastId = id;
    return id;
  }
}
