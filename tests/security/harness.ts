// The security suite's harness (issue 16). Every case starts from a copy of the bundled catalog
// (cut to a few datasets so a case runs in seconds), adds one hostile file, then runs the real
// CLI in child processes as CI does, with canary secrets in the environment:
//   check  -> exit 3, the problem at file:line
//   run    -> the same file refused with the same file:line, every other dataset published
//   build  -> the same file refused, every other page built
// and finally greps every byte written (work dir, site, target, step summary, stdout, stderr)
// for the canaries and for /etc/passwd content. Each command is killed (and the case fails)
// when it does not finish within a bound, so a hostile file that hangs the build fails its case
// instead of the suite.
//
// Cases use `expectRefusedEverywhere` (the whole flow above) or the parts: `securityCatalog`,
// `citydash`, `forbiddenBytes`, `publishedDatasets`, `builtPages`.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { tempCatalog, type TempCatalog } from '../cycle/helpers/catalog.ts';
import { runCli, type ChildRun } from '../cycle/helpers/spawn.ts';

/**
 * The bundled datasets and charts every case starts from: a file source, a Seoul Open API source
 * (its sample), a dataset derived from it and its chart. Small, so a case runs in seconds.
 */
export const SECURITY_SUBSET = {
  datasets: ['air-quality-daily', 'air-quality-daily-seoul', 'cctv-by-gu'],
  charts: ['fine-dust-daily-trend'],
};

/**
 * How long one command may take before the case fails (hostile input must not stall a build):
 * generous for a loaded 2-core machine, and three of them fit in the suite's one timeout.
 */
export const COMMAND_BOUND_MS = 240_000;

// ---------------------------------------------------------------------------------------------
// Forbidden bytes

const token = () => randomBytes(12).toString('hex');

/**
 * Secrets set in every child's environment. The names are the ones a real deployment has
 * (docs: README "Credentials") plus generic `*_TOKEN`, `*_SECRET`, `*_PASSWORD` names; none may
 * appear in any byte a command writes.
 */
export const CANARY_ENV: Readonly<Record<string, string>> = Object.freeze({
  SEOUL_API_KEY: `canaryseoulkey${token()}`,
  AWS_ACCESS_KEY_ID: `AKIACANARY${token().toUpperCase()}`,
  AWS_SECRET_ACCESS_KEY: `canaryawssecret${token()}`,
  AWS_SESSION_TOKEN: `canaryawssession${token()}`,
  CITYDASH_PURGE_TOKEN: `canarypurge${token()}`,
  DEPARTMENT_DB_PASSWORD: `canarydbpassword${token()}`,
  CITYDASH_CANARY_SECRET: `canarysecret${token()}`,
});

export interface Needle {
  /** What it is, for the failure message (`AWS_SECRET_ACCESS_KEY`, `/etc/passwd line 3`). */
  label: string;
  bytes: Buffer;
}

/**
 * /etc/passwd content as it would survive being parsed and re-written as CSV or JSON: each whole
 * line, and each field long enough to be unmistakable (homes, shells, descriptions).
 */
function passwdNeedles(): Needle[] {
  let text: string;
  try {
    text = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return [];
  }
  const out = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    out.set(line, `/etc/passwd line ${i + 1}`);
    for (const field of line.split(':')) if (field.length >= 9 && /[/ ]/.test(field)) out.set(field, `/etc/passwd field ${JSON.stringify(field)}`);
  });
  return [...out].map(([s, label]) => ({ label, bytes: Buffer.from(s) }));
}

export const FORBIDDEN: readonly Needle[] = [
  ...Object.entries(CANARY_ENV).map(([name, value]) => ({ label: `the value of ${name}`, bytes: Buffer.from(value) })),
  ...passwdNeedles(),
];

export interface ForbiddenHit {
  /** A file (absolute) or `stdout of run`. */
  where: string;
  label: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Every forbidden byte sequence found in what the case's commands wrote and printed. */
export async function forbiddenBytes(cat: SecurityCatalog, runs: readonly CommandRun[], needles: readonly Needle[] = FORBIDDEN): Promise<ForbiddenHit[]> {
  const hits: ForbiddenHit[] = [];
  const scan = (where: string, bytes: Buffer) => {
    for (const n of needles) if (bytes.includes(n.bytes)) hits.push({ where, label: n.label });
  };
  for (const dir of [cat.work, cat.out, cat.target, ...cat.extraOutputs]) {
    for (const file of await filesUnder(dir)) scan(file, await readFile(file));
  }
  if (existsSync(cat.stepSummary)) scan(cat.stepSummary, await readFile(cat.stepSummary));
  for (const r of runs) {
    scan(`stdout of ${r.command}`, Buffer.from(r.stdout));
    scan(`stderr of ${r.command}`, Buffer.from(r.stderr));
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// The catalog copy

/** A file a case adds: text, bytes, a symbolic link (to any path), or a named pipe. */
export type HostileFile = string | Uint8Array | { symlink: string } | { fifo: true };

export interface SecurityCatalog extends TempCatalog {
  /** Where `run` appends its Markdown summary (GITHUB_STEP_SUMMARY), grepped like any output. */
  stepSummary: string;
  /** Further folders a case's commands write to (e.g. check's --preview-dir), grepped too. */
  extraOutputs: string[];
  /** Adds or replaces files (catalog-relative paths). */
  add(files: Readonly<Record<string, HostileFile>>): Promise<void>;
  /** Deletes files (catalog-relative paths). */
  remove(paths: readonly string[]): Promise<void>;
  /** The text of a catalog file. */
  read(path: string): Promise<string>;
}

export async function addFiles(root: string, files: Readonly<Record<string, HostileFile>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    await mkdir(dirname(abs), { recursive: true });
    await rm(abs, { force: true });
    if (typeof content === 'string' || content instanceof Uint8Array) await writeFile(abs, content);
    else if ('symlink' in content) await symlink(content.symlink, abs);
    else execFileSync('mkfifo', [abs]);
  }
}

/** A temp copy of the bundled catalog's SECURITY_SUBSET (or another subset), with `files` added. */
export async function securityCatalog(opts: { subset?: typeof SECURITY_SUBSET; files?: Readonly<Record<string, HostileFile>>; remove?: readonly string[] } = {}): Promise<SecurityCatalog> {
  const base = await tempCatalog(opts.subset ?? SECURITY_SUBSET);
  const cat: SecurityCatalog = {
    ...base,
    stepSummary: join(base.dir, 'step-summary.md'),
    extraOutputs: [],
    add: (files) => addFiles(base.root, files),
    remove: async (paths) => {
      for (const p of paths) await rm(join(base.root, p), { force: true });
    },
    read: (path) => readFile(join(base.root, path), 'utf8'),
  };
  if (opts.files) await cat.add(opts.files);
  if (opts.remove) await cat.remove(opts.remove);
  return cat;
}

// ---------------------------------------------------------------------------------------------
// Running the CLI

export type Command = 'check' | 'fetch' | 'validate' | 'build' | 'run';

export interface CommandRun extends ChildRun {
  command: Command;
  args: string[];
}

export interface CommandOptions {
  /** Extra arguments after the standard ones. */
  args?: string[];
  /** Environment on top of CANARY_ENV (a case may override a canary, e.g. SEOUL_API_BASE_URL). */
  env?: Record<string, string>;
  /** `--offline` for fetch, validate and run (default true: the bundled samples). */
  offline?: boolean;
  timeoutMs?: number;
}

/** The standard arguments of each command for this catalog copy, as CI passes them. */
export function commandArgs(cat: SecurityCatalog, command: Command, offline = true): string[] {
  const catalog = ['--catalog', cat.root];
  const dirs = ['--out', cat.out, '--work', cat.work];
  switch (command) {
    case 'check':
      return ['check', ...catalog, '--format', 'json'];
    case 'build':
      return ['build', ...catalog, ...dirs];
    case 'run':
      return ['run', ...catalog, ...dirs, '--target', `dir:${cat.target}`, '--json', ...(offline ? ['--offline'] : [])];
    default:
      return [command, ...catalog, ...dirs, ...(offline ? ['--offline'] : [])];
  }
}

/** `citydash <command>` on the catalog copy in a child process, canaries in its environment. */
export async function citydash(cat: SecurityCatalog, command: Command, opts: CommandOptions = {}): Promise<CommandRun> {
  const args = [...commandArgs(cat, command, opts.offline ?? true), ...(opts.args ?? [])];
  const env = { ...CANARY_ENV, GITHUB_STEP_SUMMARY: cat.stepSummary, ...opts.env };
  const run = await runCli(args, { env, timeoutMs: opts.timeoutMs ?? COMMAND_BOUND_MS });
  return { ...run, command, args };
}

export interface CheckReport {
  ok: boolean;
  errors: number;
  problems: { file: string; line: number; col: number; message: string; hint?: string; severity: 'error' | 'warning'; rule?: string }[];
}

export function checkReport(run: CommandRun): CheckReport {
  try {
    return JSON.parse(run.stdout) as CheckReport;
  } catch {
    throw new Error(`check printed no JSON report (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// What was published and built

/** Dataset ids in the target's manifest (what readers of the published site get). */
export async function publishedDatasets(cat: SecurityCatalog): Promise<string[]> {
  const path = join(cat.target, '_citydash', 'manifest.json');
  if (!existsSync(path)) return [];
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { datasets?: Record<string, unknown> };
  return Object.keys(manifest.datasets ?? {}).sort();
}

/** Dataset and chart ids with an English page in a site folder (`<out>/site` or the target). */
export async function builtPages(siteDir: string): Promise<{ datasets: string[]; charts: string[] }> {
  const ids = async (dir: string) => {
    try {
      return (await readdir(join(siteDir, 'en', dir), { withFileTypes: true })).filter((e) => e.isDirectory() && existsSync(join(siteDir, 'en', dir, e.name, 'index.html'))).map((e) => e.name).sort();
    } catch {
      return [];
    }
  };
  return { datasets: await ids('datasets'), charts: await ids('charts') };
}

/** Dataset ids with a CSV download in a built site (`data/<id>.<hash>.csv`): a failed dataset keeps a page, not data. */
export async function datasetsWithData(site: string): Promise<string[]> {
  const names = await readdir(join(site, 'data')).catch(() => [] as string[]);
  return [...new Set(names.flatMap((n) => /^(.+)\.[0-9a-f]+\.csv$/.exec(n)?.[1] ?? []))].sort();
}

/** Chart ids with a drawn SVG in a built site (`charts/<id>.<lang>.<hash>.svg`): a failed chart keeps a page, not a drawing. */
export async function chartsWithSvg(site: string): Promise<string[]> {
  const names = await readdir(join(site, 'charts')).catch(() => [] as string[]);
  return [...new Set(names.flatMap((n) => /^(.+)\.(?:ko|en)\.[0-9a-f]{8,}\.svg$/.exec(n)?.[1] ?? []))].sort();
}

/**
 * A finished `run` or `build` that stopped something at a budget: exit 2 with `line` on stderr,
 * every dataset but `withheld` with its data and every chart but `withheld` drawn (a failed one
 * keeps a page saying so, not data or a drawing). `ignore`: ids another case judges.
 */
export async function expectFailedAlone(cat: SecurityCatalog, r: CommandRun, opts: { line: RegExp; withheld?: { datasets?: string[]; charts?: string[] }; ignore?: readonly string[] }): Promise<void> {
  if (r.code !== 2 || !r.stderr.split('\n').some((l) => opts.line.test(l))) {
    throw new Error(`${r.command} must report ${opts.line} and exit 2\ncitydash ${r.args.join(' ')}\nexit ${r.code}${r.signal ? ` (${r.signal})` : ''}\nstderr:\n${r.stderr.slice(0, 6000)}`);
  }
  const site = r.command === 'run' ? cat.target : join(cat.out, 'site');
  const kept = (ids: readonly string[]) => ids.filter((id) => !opts.ignore?.includes(id));
  const datasets = r.command === 'run' ? await publishedDatasets(cat) : await datasetsWithData(site);
  expect(kept(datasets)).toEqual(SECURITY_SUBSET.datasets.filter((id) => !opts.withheld?.datasets?.includes(id)).sort());
  expect(await chartsWithSvg(site)).toEqual(SECURITY_SUBSET.charts.filter((id) => !opts.withheld?.charts?.includes(id)).sort());
  expect((await builtPages(site)).charts).toEqual(expect.arrayContaining(SECURITY_SUBSET.charts));
}

// ---------------------------------------------------------------------------------------------
// Writing hostile files

/** The 1-based line of the first line of `text` containing `needle` (throws when none does). */
export function lineOf(text: string, needle: string | RegExp): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => (typeof needle === 'string' ? l.includes(needle) : needle.test(l)));
  if (i < 0) throw new Error(`no line matches ${String(needle)} in:\n${text}`);
  return i + 1;
}

const bilingual = (ko: string, en: string) => ({ ko, en });

/**
 * A dataset descriptor (YAML) in the bundled catalog's style: `extract` and `columns` as given,
 * the rest filled in. The schema defaults to one the case writes at `schemas/<id>.schema.json`
 * (see `rowSchema`).
 */
export function datasetYaml(d: { id: string; extract?: Record<string, unknown>; from?: string[]; sql?: string; columns: Record<string, Record<string, unknown>>; schema?: string; extra?: Record<string, unknown> }): string {
  const doc: Record<string, unknown> = {
    id: d.id,
    title: bilingual(`시험 데이터 ${d.id}`, `Test dataset ${d.id}`),
    description: bilingual('보안 시험을 위한 데이터입니다.', 'A dataset for the security tests.'),
    department: { id: 'safety', ko: '안전총괄실', en: 'Safety Management Office' },
    licence: 'KOGL-1',
    update: { every: 'yearly' },
    ...(d.extract ? { extract: d.extract } : {}),
    ...(d.from ? { from: d.from } : {}),
    ...(d.sql !== undefined ? { sql: d.sql } : {}),
    columns: Object.fromEntries(Object.entries(d.columns).map(([name, c]) => [name, { title: bilingual(name, name), ...c }])),
    schema: d.schema ?? `schemas/${d.id}.schema.json`,
    primaryKey: [Object.keys(d.columns)[0]],
    onInvalid: { action: 'fail-dataset' },
    ...(d.extra ?? {}),
  };
  return stringify(doc, { lineWidth: 0 });
}

/** A row schema (JSON) allowing the given columns as nullable strings, numbers or integers. */
export function rowSchema(columns: Record<string, 'string' | 'number' | 'integer'>, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, { type: [type, 'null'] }])),
    ...extra,
  }, null, 2)}\n`;
}

/** A chart descriptor (YAML) over one dataset with the given Vega-Lite spec. */
export function chartYaml(c: { id: string; area?: string; data: string; spec: Record<string, unknown>; extra?: Record<string, unknown> }): string {
  return stringify({
    id: c.id,
    area: c.area ?? 'environment',
    title: bilingual(`시험 차트 ${c.id}`, `Test chart ${c.id}`),
    description: bilingual('보안 시험을 위한 차트입니다.', 'A chart for the security tests.'),
    alt: bilingual('시험용 차트입니다.', 'A chart for tests.'),
    data: [c.data],
    spec: { data: { name: c.data }, ...c.spec },
    ...(c.extra ?? {}),
  }, { lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------------
// The whole flow

export interface Refusal {
  /** Catalog-relative file the problem is reported in. */
  file: string;
  /** Its line: a number, or the first line of that file containing this text. */
  line: number | string | RegExp;
  col?: number;
  message: RegExp;
}

export interface HostileCase {
  /** Files added to (or replacing files of) the catalog copy. */
  files: Readonly<Record<string, HostileFile>>;
  remove?: readonly string[];
  /** Where and how `check` refuses it; `build` and `run` must print the same file:line. */
  refused: Refusal;
  /** Dataset and chart ids that must not be published (by default the ids the added descriptors declare). */
  withheld?: readonly string[];
  subset?: typeof SECURITY_SUBSET;
  /** Commands after check (default run then build). */
  commands?: readonly ('run' | 'build')[];
  env?: Record<string, string>;
  offline?: boolean;
}

export interface CaseOutcome {
  cat: SecurityCatalog;
  runs: CommandRun[];
  /** The `file:line:` prefix every command reported the refusal under. */
  where: string;
}

const idsDeclared = (files: Readonly<Record<string, HostileFile>>) =>
  Object.entries(files).flatMap(([path, c]) => {
    if (typeof c !== 'string' || !/\.ya?ml$/.test(path) || !/^(sources|viz-specs)\//.test(path)) return [];
    const m = /^id:\s*["']?([a-z0-9-]+)/m.exec(c);
    return m ? [m[1]!] : [];
  });

function describe(r: CommandRun): string {
  return `citydash ${r.args.join(' ')}\nexit ${r.code}${r.signal ? ` (${r.signal})` : ''}\nstdout:\n${r.stdout.slice(0, 4000)}\nstderr:\n${r.stderr.slice(0, 8000)}`;
}

/** The `file:line:` (and `col:`) prefix a refusal is reported under, resolved against the catalog copy. */
async function whereOf(cat: SecurityCatalog, r: Refusal): Promise<{ where: string; line: number }> {
  const text = await cat.read(r.file).catch(() => '');
  const line = typeof r.line === 'number' ? r.line : lineOf(text, r.line);
  return { where: `${r.file}:${line}:${r.col === undefined ? '' : `${r.col}:`}`, line };
}

/** Whether a command's stderr carries the refusal at `where` (log lines may carry a level: `error: sources/x.yaml:3:7: …`). */
const refusedIn = (stderr: string, where: string, message: RegExp) =>
  stderr.split('\n').some((l) => l.replace(/^(error|warning): /, '').startsWith(where) && message.test(l));

/**
 * The full assertion of issue 16 for one hostile file: refused by check (exit 3, file:line), by
 * run and by build (same file:line on stderr, exit 2: published, something failed), every other
 * dataset and chart published and built, and no forbidden byte anywhere. Returns the catalog
 * (cleaned up unless `keep`) and the runs for further assertions. `observe`, when given, is called
 * with the catalog copy and the commands run so far whether the flow passed or failed, before the
 * copy is cleaned up: another case judged on the same runs (a file check passes, placed beside the
 * hostile one) reads what it needs there, and is judged on its own even when this one fails.
 */
export async function expectRefusedEverywhere(c: HostileCase, opts: { keep?: boolean; observe?: (cat: SecurityCatalog, runs: readonly CommandRun[]) => Promise<void> } = {}): Promise<CaseOutcome> {
  const subset = c.subset ?? SECURITY_SUBSET;
  const cat = await securityCatalog({ subset, files: c.files, remove: c.remove });
  const runs: CommandRun[] = [];
  try {
    const { where, line } = await whereOf(cat, c.refused);

    const check = await citydash(cat, 'check', { env: c.env });
    runs.push(check);
    const report = checkReport(check);
    const hit = report.problems.find((p) => p.severity === 'error' && p.file === c.refused.file && p.line === line && (c.refused.col === undefined || p.col === c.refused.col) && c.refused.message.test(p.message));
    if (check.code !== 3 || !hit) {
      const got = report.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`).join('\n');
      throw new Error(`check must refuse ${where} ${c.refused.message} with exit 3\n${describe(check)}\nproblems:\n${got}`);
    }

    const withheld = new Set(c.withheld ?? idsDeclared(c.files));
    const expected = {
      datasets: subset.datasets.filter((id) => !withheld.has(id)).sort(),
      charts: subset.charts.filter((id) => !withheld.has(id)).sort(),
    };
    for (const command of c.commands ?? ['run', 'build']) {
      const r = await citydash(cat, command, { env: c.env, offline: c.offline });
      runs.push(r);
      if (r.code !== 2 || !refusedIn(r.stderr, where, c.refused.message)) throw new Error(`${command} must refuse ${where} ${c.refused.message} and exit 2\n${describe(r)}`);
      const site = command === 'run' ? cat.target : join(cat.out, 'site');
      const pages = await builtPages(site);
      const published = command === 'run' ? await publishedDatasets(cat) : pages.datasets;
      for (const id of withheld) {
        if (published.includes(id) || pages.charts.includes(id)) throw new Error(`${command} published ${id}, which it must refuse\n${describe(r)}`);
      }
      const missing = [...expected.datasets.filter((id) => !published.includes(id)), ...expected.charts.filter((id) => !pages.charts.includes(id))];
      if (missing.length) throw new Error(`${command} left out ${missing.join(', ')}: one hostile file must not keep the rest from being published\n${describe(r)}`);
    }

    const leaks = await forbiddenBytes(cat, runs);
    if (leaks.length) throw new Error(`forbidden bytes written:\n${leaks.map((h) => `  ${h.label} in ${h.where.startsWith('/') ? relative(cat.dir, h.where) : h.where}`).join('\n')}`);
    return { cat, runs, where };
  } finally {
    try {
      await opts.observe?.(cat, runs);
    } finally {
      if (!opts.keep) await cat.cleanup();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Many hostile files at once

export interface Together {
  /** Files check does not refuse, placed in the same copy and judged by their own tests through `observe`. */
  alongside?: Readonly<Record<string, HostileFile>>;
  /** Called with the copy and the commands run so far, whatever the verdicts, before cleanup. */
  observe?: (cat: SecurityCatalog, runs: readonly CommandRun[]) => Promise<void>;
}

export type Judge = ((name: string) => Promise<void>) & {
  /** Runs the commands (once) without judging a case: for a test of a file placed `alongside`. */
  ran(): Promise<void>;
};

/**
 * The same assertion as `expectRefusedEverywhere`, for many hostile files placed in ONE catalog
 * copy: check, run and build run once for all of them, and each case is then judged on its own
 * (its problem at its file:line in check's report and on run's and build's stderr, its ids
 * withheld). That is the stronger test (every hostile file refused while the others are present,
 * and every harmless dataset still published) and costs three commands instead of three per case.
 * Cases must add distinct files and share subset, env, commands and offline; forbidden bytes are
 * judged for the copy as a whole. Returns `judge(name)`, which runs the commands on its first call
 * and throws that case's failure. Files check does not refuse may be placed `alongside` (e.g. a
 * query only running can judge): they share the copy and the commands, and each is judged by its
 * own test from what `observe` saw (`judge.ran()` runs the commands for such a test).
 */
export function refusedTogether(cases: readonly (readonly [string, HostileCase])[], together: Together = {}): Judge {
  const first = cases[0]?.[1];
  if (!first) throw new Error('refusedTogether needs at least one case');
  const seen = new Map<string, string>();
  for (const [name, c] of cases) {
    if (c.remove || c.subset !== first.subset || c.env !== first.env || c.offline !== first.offline || c.commands !== first.commands) {
      throw new Error(`"${name}" cannot share a catalog copy: it differs in subset, env, offline, commands or remove (use expectRefusedEverywhere)`);
    }
    for (const path of Object.keys(c.files)) {
      const other = seen.get(path);
      if (other) throw new Error(`"${name}" and "${other}" both write ${path}`);
      seen.set(path, name);
    }
  }
  for (const path of Object.keys(together.alongside ?? {})) {
    if (seen.has(path)) throw new Error(`"${seen.get(path)}" writes ${path}, which is also placed alongside`);
  }
  let verdicts: Promise<Map<string, string | null>> | undefined;
  const run = () => (verdicts ??= judgeTogether(cases, first, together));
  return Object.assign(async (name: string) => {
    const verdict = (await run()).get(name);
    if (verdict === undefined) throw new Error(`no case named "${name}"`);
    if (verdict !== null) throw new Error(verdict);
  }, { ran: async () => void (await run()) });
}

async function judgeTogether(cases: readonly (readonly [string, HostileCase])[], shared: HostileCase, together: Together): Promise<Map<string, string | null>> {
  const subset = shared.subset ?? SECURITY_SUBSET;
  const files = Object.assign({}, ...cases.map(([, c]) => c.files), together.alongside) as Record<string, HostileFile>;
  const cat = await securityCatalog({ subset, files });
  const failures = new Map<string, string[]>(cases.map(([name]) => [name, []]));
  const runs: CommandRun[] = [];
  try {
    const where = new Map<string, { where: string; line: number }>();
    for (const [name, c] of cases) where.set(name, await whereOf(cat, c.refused));
    const withheldOf = (c: HostileCase) => new Set(c.withheld ?? idsDeclared(c.files));
    const allWithheld = new Set(cases.flatMap(([, c]) => [...withheldOf(c)]));
    const expected = [...subset.datasets, ...subset.charts].filter((id) => !allWithheld.has(id));

    const check = await citydash(cat, 'check', { env: shared.env });
    runs.push(check);
    const report = checkReport(check);
    const got = report.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`).join('\n');
    for (const [name, c] of cases) {
      const { where: at, line } = where.get(name)!;
      const hit = report.problems.find((p) => p.severity === 'error' && p.file === c.refused.file && p.line === line && (c.refused.col === undefined || p.col === c.refused.col) && c.refused.message.test(p.message));
      if (check.code !== 3 || !hit) failures.get(name)!.push(`check must refuse ${at} ${c.refused.message} with exit 3\n${describe(check)}\nproblems:\n${got}`);
    }

    for (const command of shared.commands ?? ['run', 'build']) {
      const r = await citydash(cat, command, { env: shared.env, offline: shared.offline });
      runs.push(r);
      const site = command === 'run' ? cat.target : join(cat.out, 'site');
      const pages = await builtPages(site);
      const published = new Set([...(command === 'run' ? await publishedDatasets(cat) : pages.datasets), ...pages.charts]);
      const missing = expected.filter((id) => !published.has(id));
      for (const [name, c] of cases) {
        const fail = failures.get(name)!;
        const { where: at } = where.get(name)!;
        if (r.code !== 2 || !refusedIn(r.stderr, at, c.refused.message)) fail.push(`${command} must refuse ${at} ${c.refused.message} and exit 2\n${describe(r)}`);
        for (const id of withheldOf(c)) if (published.has(id)) fail.push(`${command} published ${id}, which it must refuse\n${describe(r)}`);
        if (missing.length) fail.push(`${command} left out ${missing.join(', ')}: hostile files must not keep the rest from being published\n${describe(r)}`);
      }
    }

    const leaks = await forbiddenBytes(cat, runs);
    if (leaks.length) {
      const list = `forbidden bytes written (one catalog copy holds every case of this group):\n${leaks.map((h) => `  ${h.label} in ${h.where.startsWith('/') ? relative(cat.dir, h.where) : h.where}`).join('\n')}`;
      for (const fail of failures.values()) fail.push(list);
    }
  } finally {
    try {
      await together.observe?.(cat, runs);
    } finally {
      await cat.cleanup();
    }
  }
  return new Map([...failures].map(([name, f]) => [name, f.length ? f.join('\n\n') : null]));
}
