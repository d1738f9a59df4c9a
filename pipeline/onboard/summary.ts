// What `new dataset --from` found, for the person who ran it (the CLI prints it) and for tools
// (`--json`): what it read, each column with its type and empty cells, how well the gu column
// matched, the key, and the guesses to review.
import type { Cadence, ColumnType, Format } from '../types.ts';

export interface OnboardSummary {
  dataset: string;
  /** Catalog-relative paths of the written descriptor and row schema. */
  descriptor: string;
  schema: string;
  source: {
    kind: 'file' | 'http' | 'seoul-openapi';
    name: string;
    format: Format;
    copiedTo?: string;
    sample?: string;
    [fact: string]: unknown;
  };
  rowsRead: number;
  totalsDropped: number;
  /** Rows validate would reject as written (0 unless the file repeats keys or a guess failed). */
  rejected: number;
  columns: { name: string; header: string; type: ColumnType; format?: string; unit?: string; nulls: number }[];
  district?: {
    column: string;
    header: string;
    shortKorean: boolean;
    matched: number;
    unmatched: number;
    rate: number;
    unmatchedValues: { value: string; rows: number }[];
  };
  primaryKey: { columns: string[]; unique: boolean; duplicates: number };
  update: { every: Cadence; because?: string };
  /** Each guess a person should review, as `key: what`. */
  guesses: string[];
}
