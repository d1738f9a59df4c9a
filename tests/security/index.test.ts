// The index of issue 16's attacks: every case is either a catalog fixture in this folder (one
// hostile file added to a copy of the bundled catalog; check, run and build; harness.ts) or a test
// elsewhere under tests/ that already holds it, named here by file and test title. This test reads
// those files, so the index cannot point at a test that was renamed or removed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.ts';

/** Attack kinds that held before issue 16, and where each is tested. */
export const HELD_ELSEWHERE: Record<string, { file: string; titles: string[] }[]> = {
  'DuckDB file, network and settings attacks (derived SQL)': [
    { file: 'tests/check/hostile.test.ts', titles: ['sql-read-csv', 'sql-attach', 'sql-copy', 'sql-install', 'sql-pragma', 'sql-file-scan', 'sql-glob', 'sql-getenv', 'sql-unknown-table'] },
    { file: 'tests/transform/derive.test.ts', titles: ['a setting', 'reading a file', 'two statements', 'not a query', 'a query running past the time limit is interrupted'] },
    { file: 'tests/security/sql.test.ts', titles: ['current_setting()', 'duckdb_settings()', 'read_csv of /etc/passwd', 'a file path as a table name', 'getenv() of the canary secret'] },
  ],
  'YAML bombs': [
    { file: 'tests/catalog/source-doc.test.ts', titles: ['an alias bomb is refused instead of expanded'] },
    { file: 'tests/security/yaml.test.ts', titles: ['an alias bomb in a dataset descriptor', 'a descriptor nested 5,000 deep'] },
  ],
  'zip bombs (XLSX)': [
    { file: 'tests/extract/readers-xlsx.test.ts', titles: ['a zip bomb: the central directory declares more than maxUncompressedBytes', 'a zip bomb whose headers lie about the size is stopped while inflating', 'a declared cell count over maxCells is refused before parsing'] },
  ],
  '$data and remote $ref in row schemas': [
    { file: 'tests/catalog/row-schema.test.ts', titles: ['$data, remote and dangling $ref, format regex, unknown formats and keywords'] },
  ],
  'formula injection in CSV downloads': [
    { file: 'tests/site/downloads.test.ts', titles: ['text cells that a spreadsheet would run as a formula get a leading apostrophe'] },
  ],
  'XSS in Chromium (data values, titles, specs, settings)': [
    { file: 'tests/browser/xss.test.ts', titles: ['with the CSP on: nothing runs on any page', 'with the CSP bypassed: escaping alone keeps every payload inert', 'a spec that links marks to javascript: URLs gets no link'] },
  ],
  'unsafe chart specs (URLs, javascript: links, embed options, expressions)': [
    { file: 'tests/check/hostile.test.ts', titles: ['data-url', 'javascript-href', 'embed-options', 'expr-constructor', 'expr-proto', 'expr-window', 'expr-function', 'prototype-key'] },
    { file: 'tests/security/charts.test.ts', titles: ['toString', 'event-stream filter reaching the window', 'legend binding', 'param expression'] },
  ],
  'publish lock and kill recovery': [
    { file: 'tests/publish/lock.test.ts', titles: ['held, renewed after half its time, released by its holder only'] },
    { file: 'tests/publish/publish-race.test.ts', titles: ['the second publisher stops (lock held) and changes nothing', 'two lock writers at the same moment: exactly one proceeds'] },
    { file: 'tests/publish/kill.test.ts', titles: ['SIGKILL after the assets stage; the next run takes over and completes'] },
    { file: 'tests/cycle/kill.test.ts', titles: ['a run killed while validating, while building and while publishing'] },
    { file: 'tests/publish/page-order.test.ts', titles: ['new pages are all written before a changed page that may link them'] },
  ],
  'paths out of the catalog (issue 16)': [
    { file: 'tests/security/paths.test.ts', titles: ['climbing out', 'absolute', '/etc/passwd', '/proc/self/environ', '/dev/zero', 'FIFO', 'http source whose sample', 'row schema that is a link', 'chart descriptor that is a link'] },
    { file: 'tests/catalog/rules.test.ts', titles: ['only in CITYDASH_DATA_FOLDERS'] },
  ],
  'row-schema patterns (issue 16)': [
    { file: 'tests/security/regex.test.ts', titles: ['^(([a-z가-힣])+)+$', 'lookahead'] },
  ],
  'nothing lost (issue 16)': [
    { file: 'tests/cycle/nothing-lost.test.ts', titles: ['schema deleted', 'not valid JSON', 'every dataset failed publishes nothing'] },
    { file: 'tests/cycle/refused-descriptor.test.ts', titles: ['schema deleted, then descriptor refused, then unparseable', 'a first cycle in which every dataset failed publishes nothing and exits 1'] },
    { file: 'tests/publish/site-links-order.test.ts', titles: ['every written file links only files already on the target or written before it'] },
  ],
  'internal hosts (SSRF, issue 16)': [
    { file: 'tests/security/network.test.ts', titles: ['a name resolving to 127.0.0.1 is refused', 'a redirect chain ending at the metadata service is refused at that hop', 'DNS rebinding', 'localhost, resolved by the system, is loopback too', 'a URL naming an internal address is refused at its line'] },
  ],
  'secrets in output (issue 16)': [
    { file: 'tests/security/secrets.test.ts', titles: ['every secret a hostile catalog routes to output is masked in every byte written'] },
    { file: 'tests/security/secret-guard.test.ts', titles: ['raw, URL-encoded, JSON- and HTML-escaped forms are masked', 'atomic-write is a chokepoint', 'the targets are chokepoints'] },
  ],
  'poor errors: HTML answers, quoted input (issue 16)': [
    { file: 'tests/extract/html-answer.test.ts', titles: ['an HTML login page instead of CSV is one short error', 'a purge webhook answering 501 with an HTML page', 'quoted input is capped'] },
  ],
  'budgets: SQL memory, chart size, expressions that run away (issue 16)': [
    { file: 'tests/security/sql.test.ts', titles: ['derived SQL over its DuckDB budget'] },
    { file: 'tests/security/charts.test.ts', titles: ['width and height of a billion pixels', 'a step of a billion pixels in a layer'] },
    { file: 'tests/security/budgets.test.ts', titles: ['chart expressions only running can judge'] },
    { file: 'tests/render/errors.test.ts', titles: ['an expression that fills its heap is stopped at the memory budget'] },
  ],
  'newcomer mistakes check must catch (issue 16)': [
    { file: 'tests/security/newcomer.test.ts', titles: ['csv: block on an XLSX source', 'euc-kr declared on a UTF-8 file', 'utf-8 declared on a CP949 file', 'sample: equal to path'] },
  ],
};

test.each(Object.entries(HELD_ELSEWHERE))('%s: every test named in the index exists', async (_kind, places) => {
  for (const { file, titles } of places) {
    const text = await readFile(join(repoRoot, file), 'utf8');
    for (const title of titles) if (!text.includes(title)) throw new Error(`${file} has no test named with ${JSON.stringify(title)}`);
  }
});
