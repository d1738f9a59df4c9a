// The Vega loader of an interactive chart. Data is inlined in the compiled spec, so the view has
// no reason to load anything; the one URL it may read is the chart's own spec file. Links
// (href marks) and images from data are refused the same way, so a `javascript:` or outside URL
// in a dataset can never become a link or a request.
import * as vega from 'vega';

export class LoadRefusedError extends Error {
  constructor(uri: string) {
    super(`citydash: refused to load ${JSON.stringify(String(uri).slice(0, 200))} (only the chart's own spec file is allowed)`);
    this.name = 'LoadRefusedError';
  }
}

export function guardedLoader(allowed: URL): vega.Loader {
  const base = vega.loader();
  const check = (uri: string): string => {
    let href: string;
    try {
      href = new URL(uri, allowed.href).href;
    } catch {
      throw new LoadRefusedError(uri);
    }
    if (href !== allowed.href) throw new LoadRefusedError(uri);
    return href;
  };
  const guarded = {
    options: {},
    fileAccess: false,
    sanitize: async (uri: string) => ({ href: check(uri) }),
    load: async (uri: string) => base.http(check(uri), {}),
    http: async (uri: string) => base.http(check(uri), {}),
    file: async (path: string): Promise<string> => {
      throw new LoadRefusedError(path);
    },
  };
  return guarded as unknown as vega.Loader;
}
