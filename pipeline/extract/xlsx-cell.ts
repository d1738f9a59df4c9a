// One SheetJS cell -> RawValue. Numbers stay numbers; a number whose format is a date format
// (an Excel serial) becomes ISO text: `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm` when it has a time of
// day (seconds are dropped: canonical datetimes are minute precision), `HH:mm` for a bare
// time (serial below 1). Error cells keep their Excel text (`#DIV/0!`) so validation can quote
// them; empty cells are null.
import * as XLSX from 'xlsx';
import type { CellObject } from 'xlsx';
import type { RawValue } from '../types.ts';

interface DateCode {
  y: number;
  m: number;
  d: number;
  H: number;
  M: number;
  S: number;
}
const SSF = XLSX.SSF as {
  is_date(format: string): boolean;
  parse_date_code(serial: number, opts?: { date1904?: boolean }): DateCode | null;
};

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

export function cellValue(cell: CellObject | null | undefined, date1904: boolean): RawValue {
  if (!cell) return null;
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (typeof cell.z === 'string' && Number.isFinite(v) && v >= 0 && SSF.is_date(cell.z)) return serialToIso(v, date1904) ?? v;
      return v;
    }
    case 's':
      return cell.v === undefined ? null : String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return cell.w ?? ERROR_TEXT[cell.v as number] ?? '#ERROR!';
    case 'd':
      return cell.v instanceof Date ? isoFromDate(cell.v) : null;
    default:
      return null; // 'z': a stub (styled but empty) cell
  }
}

export function serialToIso(serial: number, date1904: boolean): string | undefined {
  const c = SSF.parse_date_code(serial, { date1904 });
  if (!c) return undefined;
  const time = `${pad(c.H)}:${pad(c.M)}`;
  if (serial < 1) return time;
  const date = `${String(c.y).padStart(4, '0')}-${pad(c.m)}-${pad(c.d)}`;
  return c.H || c.M ? `${date}T${time}` : date;
}

/** SheetJS only yields Date cells when asked (cellDates); kept for completeness, read in UTC. */
function isoFromDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
