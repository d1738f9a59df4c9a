// Rules about a dataset's `extract` section: the files it names pass the path rule
// (pipeline/catalog/paths.ts), and the mistakes a newcomer makes that would otherwise pass
// silently are caught before a run: settings for another format than the file's (a `csv:` block
// on an XLSX source is ignored), a sample that is the source file itself (its real rows would be
// published labelled as sample data), and an encoding the file does not have (EUC-KR declared on
// a UTF-8 file).
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { descriptorDir, isObj, localFileProblems, type Obj } from './file-rules.ts';
import { netPolicyFrom, urlHostProblem, type NetPolicy } from '../net-rule.ts';
import { resolveCatalogPath } from './paths.ts';
import { problemAt } from './problem.ts';
import type { SourceDoc } from './source-doc.ts';

export interface ExtractRuleOptions {
  /** Folders outside the catalog `file` sources may read (CITYDASH_DATA_FOLDERS). */
  dataFolders?: readonly string[];
  /** The network rule (CITYDASH_ALLOW_HOSTS, network.allowHosts): which hosts a URL may name. */
  network?: NetPolicy;
}

const FORMAT_BLOCKS = ['csv', 'xlsx', 'json'] as const;
const BY_EXTENSION: Record<string, string> = { '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.xlsx': 'xlsx', '.json': 'json' };
/** How many bytes of a file the encoding rule reads: enough for headers and many rows. */
const SNIFF_BYTES = 64 * 1024;

export async function extractRules(root: string, source: SourceDoc, extract: Obj, opts: ExtractRuleOptions = {}): Promise<Problem[]> {
  const base = descriptorDir(root, source);
  const problems = await localFileProblems({ source, root, base, pointer: '/extract/sample', what: 'sample file', value: extract.sample });
  if (extract.kind === 'file') {
    problems.push(...(await localFileProblems({ source, root, base, pointer: '/extract/path', what: 'file', value: extract.path, dataFolders: opts.dataFolders })));
  }
  if ((extract.kind === 'seoul-openapi' || extract.kind === 'http') && extract.sample === undefined) {
    problems.push(
      problemAt(source, '/extract', 'no "extract.sample": offline runs (and runs without SEOUL_API_KEY) will have no data for this dataset', {
        at: 'key',
        severity: 'warning',
        rule: 'sample',
      }),
    );
  }
  problems.push(...formatBlockProblems(source, extract), ...samplePathProblems(source, extract), ...urlProblems(source, extract, opts));
  problems.push(...(await encodingProblems(root, source, extract, opts)));
  return problems;
}

/** A URL naming a loopback, private or metadata address: refused here with its line, not only when fetched. */
function urlProblems(source: SourceDoc, extract: Obj, opts: ExtractRuleOptions): Problem[] {
  const policy = opts.network ?? netPolicyFrom({});
  const out: Problem[] = [];
  for (const key of ['url', 'baseUrl'] as const) {
    const value = extract[key];
    if (typeof value !== 'string') continue;
    const problem = urlHostProblem(value, policy);
    if (problem) out.push(problemAt(source, `/extract/${key}`, `extract.${key} ${quote(value, 120)}: ${problem}`, { rule: 'network' }));
  }
  return out;
}

/** The format a source is read as: declared, or told by the file name. */
function formatOf(extract: Obj): string | undefined {
  if (typeof extract.format === 'string') return extract.format;
  const name = typeof extract.path === 'string' ? extract.path : typeof extract.url === 'string' ? extract.url.split('?')[0] : undefined;
  return name ? BY_EXTENSION[extname(name).toLowerCase()] : undefined;
}

/** `csv:` on an XLSX source (and the like) is ignored by the reader: say so. */
function formatBlockProblems(source: SourceDoc, extract: Obj): Problem[] {
  const format = formatOf(extract);
  // A Seoul Open API source is read as API pages; its sample may be another format (sampleFormat).
  const formats = new Set([format, typeof extract.sampleFormat === 'string' ? extract.sampleFormat : undefined].filter(Boolean));
  if (formats.size === 0 || extract.kind === 'seoul-openapi') return [];
  const problems: Problem[] = [];
  for (const block of FORMAT_BLOCKS) {
    if (!isObj(extract[block]) || formats.has(block)) continue;
    const read = [...formats].join(' and ');
    const instead = formats.has('xlsx') ? ': for a workbook use extract.xlsx (sheet, headerRows)' : formats.has('csv') ? ': for a CSV file use extract.csv (delimiter, skipRows, dropTotals)' : formats.has('json') ? ': for JSON use extract.json (records)' : '';
    problems.push(problemAt(source, `/extract/${block}`, `"extract.${block}" has no effect: this source is read as ${read}, so these settings would be silently ignored${instead}`, { at: 'key', rule: 'extract', hint: `remove extract.${block}, or set extract.format to ${block} if the file really is ${block.toUpperCase()}` }));
  }
  return problems;
}

/** A `file` source whose sample is its own file publishes its rows as sample data. */
function samplePathProblems(source: SourceDoc, extract: Obj): Problem[] {
  if (extract.kind !== 'file' || typeof extract.sample !== 'string' || typeof extract.path !== 'string') return [];
  const same = (p: string) => p.replace(/^\.\//, '').replace(/\\/g, '/');
  if (same(extract.sample) !== same(extract.path)) return [];
  return [
    problemAt(source, '/extract/sample', `"extract.sample" is the same file as "extract.path" (${quote(extract.path)}), so every row of it is published labelled as sample data (예시 데이터), not as the department's data`, {
      rule: 'sample',
      severity: 'warning',
      hint: 'if the file holds real data, remove extract.sample: a file source reads extract.path and needs no sample',
    }),
  ];
}

/** The first bytes of a catalog file, when the path rule lets it be read. */
async function head(root: string, source: SourceDoc, value: unknown, opts: ExtractRuleOptions & { file: boolean }): Promise<{ bytes: Uint8Array; shown: string; truncated: boolean } | undefined> {
  if (typeof value !== 'string' || value === '') return undefined;
  const verdict = await resolveCatalogPath({ root, base: descriptorDir(root, source), value, what: 'file', dataFolders: opts.file ? opts.dataFolders : [] });
  if (!verdict.ok) return undefined; // reported by the path rule
  const fh = await open(verdict.real, 'r').catch(() => undefined);
  if (!fh) return undefined;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return { bytes: buf.subarray(0, bytesRead), shown: verdict.shown, truncated: bytesRead === SNIFF_BYTES };
  } finally {
    await fh.close();
  }
}

/** The encoding declared must be the one the file has (CP949/EUC-KR and UTF-8 are told apart by their bytes). */
async function encodingProblems(root: string, source: SourceDoc, extract: Obj, opts: ExtractRuleOptions): Promise<Problem[]> {
  const declared = extract.encoding;
  if (declared !== 'utf-8' && declared !== 'cp949' && declared !== 'euc-kr') return [];
  const files: { value: unknown; file: boolean; format: string | undefined }[] = [];
  if (extract.kind === 'file') files.push({ value: extract.path, file: true, format: formatOf(extract) });
  // A sample in another format than the source's was saved with its own encoding.
  if (extract.sample !== undefined && (extract.sampleFormat === undefined || extract.sampleFormat === extract.format)) files.push({ value: extract.sample, file: false, format: formatOf(extract) });
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (f.format === 'xlsx') continue; // a workbook's text is UTF-8 inside the zip whatever is declared
    const got = await head(root, source, f.value, { ...opts, file: f.file });
    if (!got || seen.has(got.shown)) continue;
    seen.add(got.shown);
    const found = sniff(got.bytes, got.truncated);
    const name = declared === 'utf-8' ? 'UTF-8' : declared === 'euc-kr' ? 'EUC-KR' : 'CP949';
    if (found === 'utf-8' && declared !== 'utf-8') {
      problems.push(problemAt(source, '/extract/encoding', `"extract.encoding" is ${quote(declared)} but ${got.shown} is UTF-8: read as ${name}, its Korean text would be garbled`, { rule: 'encoding', hint: 'set encoding: utf-8 (or auto, which tells them apart)' }));
    } else if (found === 'cp949' && declared === 'utf-8') {
      problems.push(problemAt(source, '/extract/encoding', `"extract.encoding" is "utf-8" but ${got.shown} is CP949 (EUC-KR), the encoding of Korean Excel exports`, { rule: 'encoding', hint: 'set encoding: cp949 (or auto, which tells them apart)' }));
    }
  }
  return problems;
}

/** UTF-8 or CP949, when the bytes hold Korean text that only one of them reads; undefined for ASCII or either. */
function sniff(bytes: Uint8Array, truncated: boolean): 'utf-8' | 'cp949' | undefined {
  let body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // Whole lines only: a read cut short may end in the middle of a character.
  if (truncated) body = body.subarray(0, body.lastIndexOf(0x0a) + 1);
  if (!body.some((b) => b >= 0x80)) return undefined;
  const utf8 = isUtf8(body);
  // iconv-lite puts U+FFFD for a pair CP949 does not have (and CP949 cannot encode U+FFFD itself).
  const cp949 = !iconv.decode(Buffer.from(body), 'cp949').includes('\uFFFD');
  if (utf8 && !cp949) return 'utf-8';
  if (cp949 && !utf8) return 'cp949';
  return undefined;
}
