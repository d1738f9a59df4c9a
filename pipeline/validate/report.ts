// Exact counts, a bounded sample of rejections (a million bad rows must not become a
// million-entry report) and unmatched district values counted by value.
import type { RawValue, RejectedRow, SourceLocation, ValidationReport } from '../types.ts';
import { capText, quote } from '../errors.ts';
import { describeLocation } from './location.ts';

export const MAX_REJECTIONS_KEPT = 1000;
const MAX_DISTINCT_UNMATCHED = 1000;
const OTHER_UNMATCHED = '(other values)';
export const EMPTY_DISTRICT = '(empty)';

export class ReportBuilder {
  rowsRead = 0;
  valid = 0;
  rejected = 0;
  duplicates = 0;
  districtsUnmatched = 0;
  private readonly unmatched = new Map<string, number>();
  private readonly rejections: RejectedRow[] = [];

  constructor(
    readonly dataset: string,
    private readonly fileLabel?: string,
  ) {}

  reject(loc: SourceLocation, column: string, value: RawValue, rule: string, text: string): RejectedRow {
    this.rejected++;
    loc = this.relabel(loc);
    const where = column ? `${describeLocation(loc)}, column ${column}` : describeLocation(loc);
    const r: RejectedRow = { loc, column, value: keptValue(value), rule, message: `${where}: ${quote(value)} ${text}` };
    if (this.rejections.length < MAX_REJECTIONS_KEPT) this.rejections.push(r);
    return r;
  }

  /** A rejection whose message is not "<value> <text>" (duplicate keys name two places). */
  rejectWithMessage(loc: SourceLocation, column: string, value: RawValue, rule: string, message: string): RejectedRow {
    this.rejected++;
    loc = this.relabel(loc);
    const r: RejectedRow = { loc, column, value: keptValue(value), rule, message };
    if (this.rejections.length < MAX_REJECTIONS_KEPT) this.rejections.push(r);
    return r;
  }

  private relabel(loc: SourceLocation): SourceLocation {
    return this.fileLabel !== undefined && loc.file !== undefined ? { ...loc, file: this.fileLabel } : loc;
  }

  unmatchedDistrict(value: unknown): void {
    this.districtsUnmatched++;
    let key = value === null || value === undefined || value === '' ? EMPTY_DISTRICT : String(value);
    if (!this.unmatched.has(key) && this.unmatched.size >= MAX_DISTINCT_UNMATCHED) key = OTHER_UNMATCHED;
    this.unmatched.set(key, (this.unmatched.get(key) ?? 0) + 1);
  }

  build(status: 'ok' | 'failed', error?: string): ValidationReport {
    const unmatchedDistrictValues = Object.fromEntries([...this.unmatched].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ko')));
    return {
      dataset: this.dataset,
      rowsRead: this.rowsRead,
      valid: this.valid,
      rejected: this.rejected,
      duplicates: this.duplicates,
      districtsUnmatched: this.districtsUnmatched,
      unmatchedDistrictValues,
      rejections: [...this.rejections],
      status,
      ...(error !== undefined ? { error } : {}),
    };
  }
}

/** Longest rejected value kept in a report (and shown on the dataset page): a cell can be megabytes. */
const KEPT_VALUE_CHARS = 200;

function keptValue(value: RawValue): RawValue {
  return typeof value === 'string' ? capText(value, KEPT_VALUE_CHARS) : value;
}
