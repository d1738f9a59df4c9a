// The unit a header carries: `미세먼지농도(㎍/㎥)`, `인구(명)`, `예산(백만원)`, `금액[단위: 천원]`.
// A bracketed part counts as a unit only when it is a known unit or says 단위 (unit) outright,
// so `인구(내국인)` keeps its qualifier in the name.

const KNOWN = new Set([
  '㎍/㎥', 'μg/m³', 'µg/m³', 'ug/m3', 'μg/m3', 'mg/m³', 'mg/㎥', 'ppm', 'ppb', '명', '원', '천원', '만원', '백만원', '억원', '조원', '건', '대', '개',
  '개소', '곳', '가구', '세대', '호', '동', '회', '톤', 't', 'kg', '㎏', 'g', '㎡', 'm²', 'm2', '㎢', 'km²', 'km', '㎞', 'm', '㎜', 'mm', '℃', '°c',
  '%', '％', '%p', '일', '시간', '분', '초', 'kwh', '㎾h', 'mwh', 'l', 'ℓ', '㎥', 'm³', '배', '점', '대/일', '명/일', '건/일', '원/kg', '원/l', 'db', '°',
]);

/** A bracketed part at the end of a word: `(㎍/㎥)`, `[단위: 명]`. */
const BRACKETED = /\s*[([{（［]\s*([^()[\]{}（）［］]{1,30}?)\s*[)\]}）］](?=\s|$)/gu;
const SAYS_UNIT = /^단위\s*[:：]?\s*(.+)$/u;

export interface SplitHeader {
  /** The header without its unit part, trimmed. */
  base: string;
  unit?: string;
}

/**
 * The header's unit and the header without it. Stacked XLSX headers put the unit on either
 * row (`예산(백만원) 본예산`, `집행 집행률(%)`): the last bracketed unit wins, as the more
 * specific row is the lower one.
 */
export function splitUnit(header: string): SplitHeader {
  const text = header.trim();
  const found = [...text.matchAll(BRACKETED)].reverse();
  for (const m of found) {
    const inner = m[1]!.trim();
    const said = SAYS_UNIT.exec(inner);
    const unit = said ? said[1]!.trim() : KNOWN.has(inner.toLowerCase()) ? inner : undefined;
    if (!unit) continue;
    const base = found
      .filter((f) => f === m || unitOf(f[1]!) !== undefined)
      .reduce((t, f) => t.slice(0, f.index) + ' '.repeat(f[0].length) + t.slice(f.index! + f[0].length), text)
      .replace(/\s+/g, ' ')
      .trim();
    return base ? { base, unit } : { base: text };
  }
  return { base: text };
}

function unitOf(inner: string): string | undefined {
  const t = inner.trim();
  const said = SAYS_UNIT.exec(t);
  return said ? said[1]!.trim() : KNOWN.has(t.toLowerCase()) ? t : undefined;
}

/** `단위: 백만원` written in a title row above the table, as Korean statistical tables do. */
export function unitInTitle(text: string): string | undefined {
  const m = /단위\s*[:：]\s*([^\s,)\]）]+)/u.exec(text);
  return m ? m[1] : undefined;
}
