// Deep merge for spec patches (`locales`, templates, theme). Objects merge key by key, arrays
// and scalars replace: a locale patch that sets `encoding.y.axis.title` leaves the rest of the
// y encoding alone. Prototype keys are dropped because specs come from pull requests.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** A fresh deep copy of `base` with `patch` merged over it; neither input is modified. */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (patch === undefined) return clone(base);
  if (!isPlainObject(base) || !isPlainObject(patch)) return clone(patch) as T;
  const out: Record<string, unknown> = clone(base) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (FORBIDDEN.has(k)) continue;
    out[k] = k in out ? deepMerge(out[k], v) : clone(v);
  }
  return out as T;
}

export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!FORBIDDEN.has(k)) out[k] = clone(x);
    return out as T;
  }
  return v;
}
