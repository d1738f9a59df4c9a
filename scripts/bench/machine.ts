// The machine and library versions a run was measured on, and how busy the machine was.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  versions: Record<string, string>;
}

async function pkgVersion(repo: string, name: string): Promise<string> {
  try {
    return (JSON.parse(await readFile(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

async function toolVersion(cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(cmd, args);
    return stdout.trim().split('\n')[0] ?? '';
  } catch {
    return 'not installed';
  }
}

async function duckdbEngine(): Promise<string> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const v = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]?.[0] ?? '?');
  conn.closeSync();
  return v;
}

export async function machineInfo(repo: string): Promise<MachineInfo> {
  const versions: Record<string, string> = { node: process.version, duckdb: await duckdbEngine() };
  for (const [label, name] of [
    ['@duckdb/node-api', '@duckdb/node-api'], ['vega', 'vega'], ['vega-lite', 'vega-lite'], ['papaparse', 'papaparse'],
    ['xlsx (SheetJS)', 'xlsx'], ['@11ty/eleventy', '@11ty/eleventy'], ['@resvg/resvg-js', '@resvg/resvg-js'], ['s3rver', 's3rver'],
  ] as const) versions[label] = await pkgVersion(repo, name);
  versions.miller = await toolVersion('mlr', ['--version']);
  return {
    cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
    os: `${process.platform} ${release()}`, versions,
  };
}

export const loadAverage = (): number[] => loadavg().map((l) => +l.toFixed(2));
