// After a publish the CDN must forget the pages that changed (hashed files never change, so they
// never need purging). A purge that fails is reported; the publish stands, and the short max-age
// of pages bounds how long readers may see the previous version.
import type { Effects } from '../types.ts';
import { CitydashError } from '../errors.ts';

export interface PurgeContext {
  cycle: string;
  effects: Effects;
}

export interface PurgeHook {
  /** For messages; never contains secrets. */
  readonly name: string;
  /** URL paths (`/ko/`, `/ko/index.html`); resolves with a detail for the log (e.g. an invalidation id). */
  purge(paths: string[], ctx: PurgeContext): Promise<string | void>;
}

export interface PurgeOutcome {
  hook: string;
  paths: string[];
  ok: boolean;
  detail?: string;
  error?: string;
}

export class PurgeError extends CitydashError {
  constructor(hook: string, detail: string) {
    super(`purge via ${hook}`, detail);
    this.name = 'PurgeError';
  }
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

/** Site paths -> URL paths; a directory index is also reachable (and cached) as its folder URL. */
export function purgeUrlPaths(sitePaths: string[]): string[] {
  const out = new Set<string>();
  for (const p of sitePaths) {
    const url = `/${encodePath(p)}`;
    out.add(url);
    if (url === '/index.html') out.add('/');
    else if (url.endsWith('/index.html')) out.add(url.slice(0, -'index.html'.length));
  }
  return [...out].sort();
}

export async function runPurge(hook: PurgeHook, sitePaths: string[], ctx: PurgeContext): Promise<PurgeOutcome> {
  const paths = purgeUrlPaths(sitePaths);
  try {
    const detail = (await hook.purge(paths, ctx)) ?? undefined;
    ctx.effects.log.info(`purged ${paths.length} paths via ${hook.name}${detail ? ` (${detail})` : ''}`);
    return { hook: hook.name, paths, ok: true, detail };
  } catch (err) {
    const error = (err as Error).message;
    ctx.effects.log.warn(`${error}. The site is published; changed pages may be served from the CDN cache until their max-age (5 minutes) passes.`);
    return { hook: hook.name, paths, ok: false, error };
  }
}
