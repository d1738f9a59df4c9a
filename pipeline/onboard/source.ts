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
    try {
      return { kind: 'http', url: new URL(text).href };
    } catch {
      throw new CliError(`--from ${quote(text)} is not a valid URL`);
    }
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
