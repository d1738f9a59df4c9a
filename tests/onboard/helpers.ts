// `new dataset --from`, then `fetch`, `validate` and `check`, run through commander exactly as the CLI
// runs them, in a temp copy of the check fixtures' catalog; and what validate stored, read back.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import YAML from 'yaml';
import { registerCheck } from '../../pipeline/cli/commands/check.ts';
import { registerFetch } from '../../pipeline/cli/commands/fetch.ts';
import { registerNew } from '../../pipeline/cli/commands/new.ts';
import { registerValidate } from '../../pipeline/cli/commands/validate.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import type { Effects, Row, ValidationReport } from '../../pipeline/types.ts';
import { ALLOW_LOOPBACK } from '../helpers/loopback.ts';

export interface Run {
  exit: number;
  out: string;
  log: string[];
  error?: Error;
}

export function effects(env: Record<string, string> = {}): Effects & { log: ReturnType<typeof memoryLogger> } {
  return { fetch: globalThis.fetch, now: () => new Date('2026-03-02T00:00:00Z'), log: memoryLogger(), env: { ...ALLOW_LOOPBACK, ...env } };
}

/** `citydash <args>` with new, fetch, validate and check; relative --from paths start at `cwd`. */
export async function citydash(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const eff = effects(opts.env);
  let out = '';
  let exit = 0;
  const stdout = (s: string) => { out += s; };
  const program = new Command('citydash').exitOverride().configureOutput({ writeOut: stdout, writeErr: () => {} });
  const setExit = (c: number) => { exit = c; };
  registerNew({ effects: eff, stdout, cwd: opts.cwd })(program, setExit);
  registerValidate({ effects: eff, stdout })(program, setExit);
  registerFetch({ effects: eff, stdout })(program, setExit);
  registerCheck({ effects: eff, stdout })(program, setExit);
  try {
    await program.parseAsync(['node', 'citydash', ...args]);
  } catch (e) {
    return { exit: (e as { exitCode?: number }).exitCode ?? 1, out, log: eff.log.lines, error: e as Error };
  }
  return { exit, out, log: eff.log.lines };
}

/** `citydash fetch ID --force` then `citydash validate ID`, as a data engineer runs them after `new`. */
export async function fetchAndValidate(root: string, id: string, env: Record<string, string> = {}): Promise<Run> {
  const fetched = await citydash(['fetch', id, '--force', '--catalog', root], { env });
  if (fetched.exit !== 0 || fetched.error) return fetched;
  return citydash(['validate', id, '--catalog', root], { env });
}

/** The descriptor `new` wrote, as text and parsed. */
export async function descriptor(root: string, department: string, id: string): Promise<{ text: string; value: Record<string, any> }> {
  const text = await readFile(join(root, 'sources', department, `${id}.yaml`), 'utf8');
  return { text, value: YAML.parse(text) as Record<string, any> };
}

/** The rows validate stored for a dataset, in file order. */
export async function snapshot(root: string, id: string): Promise<Row[]> {
  const text = await readFile(join(root, '.citydash', 'data', `${id}.ndjson`), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
}

export async function report(root: string, id: string): Promise<ValidationReport> {
  return JSON.parse(await readFile(join(root, '.citydash', 'reports', `${id}.json`), 'utf8')) as ValidationReport;
}

/** Sum of a column's numbers (nulls skipped). */
export function sum(rows: readonly Record<string, unknown>[], column: string): number {
  return rows.reduce<number>((s, r) => s + (typeof r[column] === 'number' ? (r[column] as number) : 0), 0);
}

/** Each row reduced to the given columns, for comparing with expected rows. */
export function pick(rows: readonly Record<string, unknown>[], columns: readonly string[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
}
