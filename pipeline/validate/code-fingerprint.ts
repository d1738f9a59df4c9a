// What version of the code made a snapshot. A reused snapshot must be one the current code would
// produce, so the source files that shape it (and the libraries they call) are hashed, rather
// than trusting someone to bump a constant after editing a reader or a coercion rule.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const PIPELINE = fileURLToPath(new URL('../', import.meta.url));
/** The installed package runs lib/*.js, compiled from these sources with the same tree. */
const EXT = import.meta.url.endsWith('.js') ? '.js' : '.ts';
const inThisTree = (file: string): string => file.replace(/\.ts$/, EXT);

/** Folders/files (relative to pipeline/) whose code shapes a validated snapshot. */
export const VALIDATE_CODE = ['validate/', 'extract/', 'districts.ts', 'errors.ts', 'atomic-write.ts', 'canonical-json.ts', 'hash.ts', 'seoul-time.ts'];
export const VALIDATE_LIBRARIES = ['ajv', 'ajv-formats', 'papaparse', 'xlsx', 'iconv-lite'];

function versionOf(pkg: string): string {
  try {
    return (createRequire(import.meta.url)(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    // Only for the reuse key: a package.json that cannot be read (never after npm ci) gives 'unknown' rather than failing validation.
    return 'unknown';
  }
}

async function sourceFiles(entry: string): Promise<string[]> {
  if (!entry.endsWith('/')) return [inThisTree(entry)];
  // A folder that is not there has no files to fingerprint (the reuse key then simply differs).
  const names = await readdir(PIPELINE + entry, { recursive: true }).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(EXT)).sort().map((n) => entry + n);
}

const memo = new Map<string, Promise<string>>();

/** sha256 over the named pipeline sources and library versions; computed once per process. */
export function codeFingerprint(entries: readonly string[], libraries: readonly string[]): Promise<string> {
  const id = JSON.stringify([entries, libraries]);
  let done = memo.get(id);
  if (!done) {
    done = (async () => {
      const hash = createHash('sha256');
      for (const lib of libraries) hash.update(`lib ${lib}@${versionOf(lib)}\n`);
      for (const entry of entries) {
        for (const file of await sourceFiles(entry)) {
          // A missing file still changes the fingerprint, so reuse never survives it.
          const text = await readFile(PIPELINE + file).catch(() => Buffer.from('(missing)'));
          hash.update(`file ${file} ${text.byteLength}\n`).update(text);
        }
      }
      return hash.digest('hex');
    })();
    memo.set(id, done);
  }
  return done;
}
