// Purge through an HTTP webhook (Cloudflare via a Worker, Fastly, a city's own cache): POST
// `{"paths": [...], "cycle": "..."}` as JSON. An optional bearer token comes from the
// environment (CITYDASH_PURGE_TOKEN), never from a flag; the URL is shown without its query.
import { ANSWER_SAMPLE_BYTES, answerLine } from '../answer-text.ts';
import { PurgeError, type PurgeHook } from './purge.ts';

export interface WebhookOptions {
  timeoutMs?: number;
  /** Attempts in all on network errors and 5xx (default 3). */
  attempts?: number;
  retryDelayMs?: number;
}

export function displayWebhook(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    // Shown as such; webhookPurge refuses the URL with this name.
    return '(invalid URL)';
  }
}

export function webhookPurge(url: string, opts: WebhookOptions = {}): PurgeHook {
  const shown = displayWebhook(url);
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new PurgeError(`webhook ${shown}`, 'the purge webhook must be an http(s) URL');
  const name = `webhook ${shown}`;
  return {
    name,
    async purge(paths, { cycle, effects }) {
      const token = effects.env.CITYDASH_PURGE_TOKEN;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'citydash-publish' };
      if (token) headers.authorization = `Bearer ${token}`;
      const body = JSON.stringify({ paths, cycle });
      const attempts = Math.max(1, opts.attempts ?? 3);
      for (let attempt = 1; ; attempt++) {
        let retryable: boolean;
        let detail: string;
        try {
          const res = await effects.fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
          if (res.ok) {
            void res.body?.cancel().catch(() => {});
            return `HTTP ${res.status}`;
          }
          // Status and a little of the visible text: a proxy's HTML error page is not quoted whole.
          const sample = await readSample(res);
          retryable = res.status >= 500 || res.status === 429;
          const text = answerLine(sample, res.headers.get('content-type'), 120);
          detail = `HTTP ${res.status}${text ? `: ${text}` : ''}`;
        } catch (err) {
          retryable = true;
          const c = (err as { cause?: { code?: string; message?: string } }).cause;
          const cause = c?.code ?? c?.message;
          detail = `${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}${cause ? ` (${cause})` : ''}`;
        }
        if (!retryable || attempt >= attempts) throw new PurgeError(name, detail);
        await new Promise((resolve) => setTimeout(resolve, (opts.retryDelayMs ?? 500) * attempt));
      }
    },
  };
}

/** The start of an answer's body, never more than a message can use (the rest is not read). */
async function readSample(res: Response): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ANSWER_SAMPLE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_SAMPLE_BYTES);
}
