// Canonical column names for a file's headers: a known Seoul header gets its usual name
// (seoul-headers.ts), a stacked XLSX header (`예산 본예산`) the name of its most specific
// known part, anything else a safe slug (romanized Hangul, snake_case Latin) that
// `columns:` accepts; the header itself is kept in `from`. Names are unique per file.
import { romanize } from './romanize.ts';
import { knownHeader, type KnownHeader } from './seoul-headers.ts';
import { splitUnit } from './units.ts';

export interface NamedHeader {
  /** Position in the file's headers (and in each record's values). */
  index: number;
  header: string;
  name: string;
  /** The header without its unit: the Korean title. */
  base: string;
  unit?: string;
  known?: KnownHeader;
  /** True when the name is a slug of the header rather than a known name. */
  slug: boolean;
}

const MAX_NAME = 64;
/** Names the district columns take; a file column must not clash with them. */
const RESERVED = new Set(['gu_code', 'gu_ko', 'gu_en']);

/** Names for the headers at `indices` (default: all). */
export function nameHeaders(headers: readonly string[], indices: readonly number[] = headers.map((_, i) => i)): NamedHeader[] {
  const used = new Set<string>();
  return indices.map((index) => {
    const header = headers[index]!;
    const { base, unit } = splitUnit(header);
    const known = knownHeader(base) ?? lastKnownPart(base);
    const wanted = known?.name ?? slug(base || header);
    const name = unique(wanted, used);
    used.add(name);
    return { index, header, name, base: base || header, ...(unit ? { unit } : {}), ...(known ? { known } : {}), slug: !known };
  });
}

/** `예산 본예산` (two header rows joined): the most specific part that is known. */
function lastKnownPart(base: string): KnownHeader | undefined {
  const parts = base.split(' ').filter(Boolean);
  if (parts.length < 2) return undefined;
  for (let i = parts.length - 1; i >= 0; i--) {
    const k = knownHeader(parts[i]!);
    if (k) return k;
  }
  return undefined;
}

/** A name `columns:` accepts (^[A-Za-z_][A-Za-z0-9_]*$, at most 64 characters). */
export function slug(text: string): string {
  const s = romanize(text.normalize('NFKC').replace(/(\d{4})\s*년도?/gu, ' y$1 '))
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const safe = s === '' ? 'column' : /^[0-9]/.test(s) ? `c${s}` : s;
  return safe.slice(0, MAX_NAME).replace(/_+$/, '');
}

function unique(name: string, used: ReadonlySet<string>): string {
  const base = RESERVED.has(name) ? `${name}_raw` : name;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_NAME - String(n).length - 1)}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
