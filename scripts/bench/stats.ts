// Median, min and max of repeated measurements: the only summary a figure carries.

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) throw new Error('no measurements to summarise');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}

/** Spread of values that may be missing (e.g. RSS where the OS gives none). */
export function spreadOrNull(values: Array<number | null | undefined>): Spread | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length === values.length && present.length > 0 ? spread(present) : null;
}

/** `rows / seconds` for every run, summarised (median of rates equals rate of median time). */
export function rate(count: number, seconds: Spread): Spread {
  return { median: count / seconds.median, min: count / seconds.max, max: count / seconds.min };
}
