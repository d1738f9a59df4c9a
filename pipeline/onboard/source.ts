// What `--from` names: a local file, an http(s) URL, or a service of the Seoul Open API
// (`seoul-openapi:SERVICE` with optional `/param` segments after it, as in the API's URLs).
import { resolve } from 'node:path';
import { CliError, quote } from '../errors.ts';

export type OnboardSource =
  | { kind: 'file'; path: string }
  | { kind: 'http'; url: string }
  | { kind: 'seoul-openapi'; service: string; params: string[] };

const SERVICE = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

export function parseFrom(from: string, cwd: string): OnboardSource {
  const text = from.trim();
  if (text === '') throw new CliError('--from is empty: give a file, an http(s) URL or seoul-openapi:SERVICE');
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      // The URL parser's message adds nothing to naming the value.
      throw new CliError(`--from ${quote(text)} is not a valid URL`);
    }
    refuseCredentials(url);
    return { kind: 'http', url: url.href };
  }
  const api = /^seoul-openapi:(.*)$/i.exec(text);
  if (api) {
    const [service = '', ...params] = api[1]!.split('/');
    if (!SERVICE.test(service)) {
      throw new CliError(`--from ${quote(text)}: ${quote(service)} is not a Seoul Open API service name (letters, digits and _; e.g. seoul-openapi:DailyAverageAirQuality/20240101)`);
    }
    return { kind: 'seoul-openapi', service, params: params.map((p) => decodeURIComponent(p)) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new CliError(`--from ${quote(text)}: only http:, https: and seoul-openapi: sources can be read, or a local file`);
  return { kind: 'file', path: resolve(cwd, text) };
}

/** Query parameters that carry a credential (data.go.kr's serviceKey, api_key, token, …). */
const CREDENTIAL = /^(service_?key|api_?key|access_?key|key|token|access_?token|secret|client_?secret|password|passwd|auth|authorization|signature|sig)$/i;

/**
 * The URL is written into the descriptor, a public catalog file: a key in it would be
 * published. Refuse it, naming the parameter but never its value.
 */
function refuseCredentials(url: URL): void {
  if (url.username || url.password) throw new CliError(`--from ${quote(`${url.protocol}//${url.host}${url.pathname}`)}: the URL carries a user name or password, which would be written into the descriptor (a public file); use a URL without them`);
  const names = [...url.searchParams.keys()].filter((k) => CREDENTIAL.test(k.replace(/-/g, '_')));
  if (names.length) {
    throw new CliError(`--from: the URL's ${names.map((n) => quote(n)).join(', ')} looks like a key, which would be written into the descriptor (a public file); use a URL without it (only the Seoul Open API's key is kept out of files, via SEOUL_API_KEY and seoul-openapi:SERVICE)`);
  }
}
