// Secrets (SEOUL_API_KEY) travel inside URL paths, so every string that may reach a log line,
// an error, a report or an output file passes through here first.

import { urlForms } from '../secret-guard.ts';

export const MASK = '***';

/**
 * Replace every occurrence of each secret in `text` with `***`, in the raw form and in the
 * URL-encoded forms a URL or an echoing server could show it in. Empty secrets are ignored;
 * longer secrets are masked first so one secret containing another is masked whole.
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = new Set(secrets.flatMap((secret) => (secret ? urlForms(secret) : [])));
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    // split/join rather than a RegExp: a key is data, never a pattern.
    if (out.includes(form)) out = out.split(form).join(MASK);
  }
  return out;
}

/** The URL as it may be shown: the API key (a path segment for Seoul) masked. */
export function maskUrlKey(url: string, key: string | undefined): string {
  return maskSecrets(url, [key]);
}
