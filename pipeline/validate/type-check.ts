// For rows that arrive already typed (derived datasets from DuckDB): the value must already be
// in the canonical form of its column type, or the SQL produced something the charts and the
// site would misread (a date as a timestamp object, an integer as a float).
import type { ColumnType, Value } from '../types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Why a canonical value does not fit its column type, or null when it fits (null always fits). */
export function typeProblem(value: Value | undefined, type: ColumnType): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? null : 'is not text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'is not a number';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : 'is not a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'is not true or false';
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? null : 'is not a date written yyyy-MM-dd';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) ? null : 'is not a date and time written yyyy-MM-ddTHH:mm';
    default:
      return null;
  }
}
