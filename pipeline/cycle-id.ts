// Cycle ids are UTC minutes (`2026-11-28T2100Z`, docs/architecture.md §1): sortable as text, safe as object
// keys and page paths. People read them in Seoul time, the city's own clock (seoul-time.ts).

const ID = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})?Z(?:-[a-z]+)?$/;

/** `seconds`: for a second cycle within one minute, whose minute id is already published. */
export function cycleIdAt(now: Date, seconds = false): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${seconds ? iso.slice(17, 19) : ''}Z`;
}

/** The instant a cycle id names (rollback ids such as `…T081500Z-rollback` included), or null. */
export function cycleTime(id: string): Date | null {
  const m = ID.exec(id);
  if (!m) return null;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0);
  return Number.isNaN(t) ? null : new Date(t);
}
