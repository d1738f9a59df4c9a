// One guard over every byte citydash writes (README, "Security"): the values of the secret
// environment variables are masked on their way out, whatever path they took to get there — a
// mirror echoing the key into a rejected value, an error quoting a department's file, a
// catalog that reads /proc. It sits behind the few places bytes leave the process: stdout and
// stderr (guardProcessOutput, installed by the CLI), every file written (atomic-write.ts),
// Eleventy's pages (a transform), every object put into an S3 bucket (a dir target's files go
// through atomic-write) and the GitHub step summary. Masking at
// each message instead would miss the one message nobody thought of.
//
// Which variables: SEOUL_API_KEY, AWS_* (but the region and profile settings, which are not
// secret), any *_TOKEN, *_SECRET, *_KEY, *_PASSWORD, and the names citydash.yaml lists under
// `secrets`. Values shorter than MIN_SECRET_LENGTH are left alone: masking "1" or "true"
// everywhere would mangle the data and protect nothing.

export const MIN_SECRET_LENGTH = 6;

const SECRET_NAME = /^(SEOUL_API_KEY|AWS_.+|.+_TOKEN|.+_SECRET|.+_KEY|.+_PASSWORD)$/i;
/** AWS_* settings that are configuration, not credentials (masking a region breaks messages). */
const NOT_SECRET = /^AWS_(REGION|DEFAULT_REGION|PROFILE|DEFAULT_OUTPUT|ENDPOINT_URL.*|CA_BUNDLE|CONFIG_FILE|SHARED_CREDENTIALS_FILE|RETRY_MODE|MAX_ATTEMPTS|SDK_.*|NODEJS_.*|EXECUTION_ENV|LAMBDA_.*|S3_.*)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

interface Form {
  bytes: Buffer;
  text: string;
  mask: Buffer;
  maskText: string;
}

export interface SecretGuard {
  /** The names whose values are masked (for messages; never the values). */
  readonly names: readonly string[];
  maskText(text: string): string;
  maskBytes(bytes: Uint8Array): Uint8Array;
  /** For a file written in pieces: a secret split across two writes is still caught. */
  stream(): SecretStream;
}

export interface SecretStream {
  /** Bytes that are safe to write now (some may be held back until the next piece). */
  push(chunk: Uint8Array): Uint8Array;
  /** Whatever was held back, masked. */
  end(): Uint8Array;
}

/** The guard for an environment and citydash.yaml's extra names. */
export function buildSecretGuard(env: Record<string, string | undefined>, extraNames: readonly string[] = []): SecretGuard {
  const extra = new Set(extraNames);
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    if (!isSecretName(name) && !extra.has(name)) continue;
    if (!byValue.has(value)) byValue.set(value, name);
  }
  const forms = new Map<string, Form>();
  for (const [value, name] of byValue) {
    const maskText = `[secret ${name}]`;
    for (const text of encodings(value)) {
      if (text.length < MIN_SECRET_LENGTH || forms.has(text)) continue;
      forms.set(text, { text, bytes: Buffer.from(text, 'utf8'), maskText, mask: Buffer.from(maskText, 'utf8') });
    }
  }
  // Longer first: a secret that contains another is masked whole.
  const list = [...forms.values()].sort((a, b) => b.bytes.length - a.bytes.length);
  const names = [...new Set(byValue.values())].sort();
  return list.length === 0 ? emptyGuard(names) : liveGuard(list, names);
}

/** A value raw and in the URL-encoded forms a URL or an echoing server shows it in. */
export function urlForms(value: string): string[] {
  const out = [value];
  for (const encode of [encodeURIComponent, encodeURI]) {
    try {
      out.push(encode(value));
    } catch {
      // A lone surrogate cannot be URL-encoded, so it cannot appear encoded either.
    }
  }
  return out;
}

/** The forms a value can take in what is written: raw, URL-encoded, JSON- and HTML-escaped. */
function encodings(value: string): string[] {
  const html = (quot: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, quot).replace(/'/g, '&#39;');
  // both spellings HTML escapers use for a double quote
  return [...urlForms(value), JSON.stringify(value).slice(1, -1), html('&quot;'), html('&#34;')];
}

function emptyGuard(names: string[]): SecretGuard {
  return {
    names,
    maskText: (t) => t,
    maskBytes: (b) => b,
    stream: () => ({ push: (c) => c, end: () => new Uint8Array(0) }),
  };
}

function liveGuard(forms: Form[], names: string[]): SecretGuard {
  const longest = forms[0].bytes.length;
  const maskText = (text: string): string => {
    let out = text;
    // split/join rather than a RegExp: a secret is data, never a pattern.
    for (const f of forms) if (out.includes(f.text)) out = out.split(f.text).join(f.maskText);
    return out;
  };
  const maskBytes = (bytes: Uint8Array): Uint8Array => {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let out: Buffer = buf;
    for (const f of forms) if (out.includes(f.bytes)) out = replaceAll(out, f.bytes, f.mask);
    return out === buf ? bytes : out;
  };
  return {
    names,
    maskText,
    maskBytes,
    stream() {
      let held: Buffer = Buffer.alloc(0);
      return {
        push(chunk) {
          const all = held.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([held, chunk]);
          // Hold back a tail that could be the start of a secret, and any secret that crosses it.
          let cut = Math.max(0, all.length - (longest - 1));
          for (let moved = true; moved;) {
            moved = false;
            for (const f of forms) {
              const from = Math.max(0, cut - f.bytes.length + 1);
              const at = all.indexOf(f.bytes, from);
              if (at !== -1 && at < cut && at + f.bytes.length > cut) { cut = at; moved = true; }
            }
          }
          held = Buffer.from(all.subarray(cut));
          return maskBytes(all.subarray(0, cut));
        },
        end() {
          const rest = held;
          held = Buffer.alloc(0);
          return maskBytes(rest);
        },
      };
    },
  };
}

function replaceAll(buf: Buffer, find: Buffer, mask: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = buf.indexOf(find); at !== -1; at = buf.indexOf(find, from)) {
    parts.push(buf.subarray(from, at), mask);
    from = at + find.length;
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}

// The guard of this process. The CLI configures it from its environment at start and adds
// citydash.yaml's names when the settings load; until then it is built from process.env, so
// nothing written before configuration escapes it.
let current: SecretGuard | null = null;
let configured: { env: Record<string, string | undefined>; names: Set<string> } | null = null;

export function secretGuard(): SecretGuard {
  current ??= buildSecretGuard(configured?.env ?? process.env, [...(configured?.names ?? [])]);
  return current;
}

/** Use this environment's secrets from now on (the CLI's, or a test's). */
export function configureSecretGuard(env: Record<string, string | undefined>, names: readonly string[] = []): void {
  configured = { env, names: new Set(names) };
  current = null;
}

/** citydash.yaml's `secrets`: more variable names to mask, on top of the configured ones. */
export function addSecretNames(names: readonly string[] | undefined): void {
  if (!names || names.length === 0) return;
  configured ??= { env: process.env, names: new Set() };
  const before = configured.names.size;
  for (const n of names) configured.names.add(n);
  if (configured.names.size !== before) current = null;
}

export const maskText = (text: string): string => secretGuard().maskText(text);
export const maskBytes = (bytes: Uint8Array): Uint8Array => secretGuard().maskBytes(bytes);

/** Strings or bytes, as fs.writeFile takes them. */
export function maskData<T extends string | Uint8Array>(data: T): T {
  return (typeof data === 'string' ? maskText(data) : maskBytes(data)) as T;
}

const GUARDED = Symbol.for('citydash.secretGuard');

/**
 * Mask everything written to stdout and stderr: log lines, --json results, commander's usage
 * errors, a library's warning. Installed once by the CLI entry (bin/citydash.js).
 */
export function guardProcessOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const s = stream as NodeJS.WriteStream & { [GUARDED]?: true };
    if (s[GUARDED]) continue;
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    s.write = ((chunk: unknown, ...rest: unknown[]) => {
      const safe = typeof chunk === 'string' ? maskText(chunk) : chunk instanceof Uint8Array ? maskBytes(chunk) : chunk;
      return write(safe, ...rest);
    }) as typeof stream.write;
    s[GUARDED] = true;
  }
}
