// The row schema `new dataset --from` writes beside the descriptor: every column with the
// JSON type its descriptor type produces (docs/architecture.md §2), null allowed where the
// file has empty cells, a lower bound of 0 where no value is negative, text lengths bounded,
// and dates held to their canonical pattern (each `pattern` with the `maxLength` the
// catalog's row-schema rules ask for).
import type { ColumnType } from '../types.ts';
import type { ColumnPlan } from './column-plan.ts';

type JsonSchema = Record<string, unknown>;

const JSON_TYPE: Record<ColumnType, string> = { string: 'string', date: 'string', datetime: 'string', integer: 'integer', number: 'number', boolean: 'boolean' };
const LENGTHS = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];

export const DISTRICT_PROPERTIES: Record<string, JsonSchema> = {
  gu_code: { title: 'Gu code (conformed)', type: ['string', 'null'], pattern: '^11[0-9]{3}$', maxLength: 5 },
  gu_ko: { title: 'Gu (Korean, conformed)', type: ['string', 'null'], maxLength: 10 },
  gu_en: { title: 'Gu (English, conformed)', type: ['string', 'null'], maxLength: 30 },
};

export function rowSchema(id: string, title: { ko: string; en: string }, columns: readonly ColumnPlan[], district: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const c of columns) properties[c.name] = property(c);
  if (district) Object.assign(properties, DISTRICT_PROPERTIES);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${title.en} (${title.ko})`,
    description: `One canonical row of ${id} after validation: dates yyyy-MM-dd, numbers as numbers, empty cells null.`,
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  };
}

function property(c: ColumnPlan): JsonSchema {
  const base = JSON_TYPE[c.type];
  const p: JsonSchema = { title: c.title.en, type: c.nulls > 0 || c.nonEmpty === 0 ? [base, 'null'] : base };
  switch (c.type) {
    case 'string': {
      p.minLength = 1;
      const bound = LENGTHS.find((n) => n >= Math.max(2 * c.maxLength, LENGTHS[0]!));
      if (bound !== undefined) p.maxLength = bound;
      break;
    }
    case 'integer':
    case 'number':
      if (typeof c.min === 'number' && c.min >= 0) p.minimum = 0;
      break;
    case 'date':
      Object.assign(p, { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 });
      break;
    case 'datetime':
      Object.assign(p, { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$', maxLength: 16 });
      break;
    default:
      break;
  }
  if (c.unit) p.description = `unit: ${c.unit}`;
  return p;
}

/** JSON with two-space indents, lists of plain values on one line (`"type": ["number", "null"]`), as the bundled schemas are written. */
export function schemaJson(schema: JsonSchema): string {
  const text = JSON.stringify(schema, null, 2).replace(/\[\n\s+([^\[\]{}]*?)\n\s*\]/g, (_, items: string) => `[${items.split(/,\n\s*/).join(', ')}]`);
  return `${text}\n`;
}
