// The GitHub workflows parse, have the jobs and steps the project relies on, keep secrets
// away from pull requests, and run only `citydash` commands the CLI actually registers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { commands as wired } from '../pipeline/cli/commands/index.ts';
import type { RegisterCommand } from '../pipeline/cli/commands/index.ts';
import { repoRoot } from './helpers/paths.ts';

type Obj = Record<string, any>;
const WORKFLOWS = join(repoRoot, '.github/workflows');
const load = (name: string): Obj => parse(readFileSync(join(WORKFLOWS, name), 'utf8')) as Obj;
const names = (register: RegisterCommand[]): Set<string> => {
  const program = new Command('citydash');
  for (const r of register) r(program, () => {});
  return new Set(program.commands.map((c) => c.name()));
};

/** Commands registered by every command module present (the coordinator wires them into index.ts). */
async function moduleCommands(): Promise<Set<string>> {
  const dir = join(repoRoot, 'pipeline/cli/commands');
  const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  const registers: RegisterCommand[] = [];
  for (const f of modules) {
    const mod = (await import(join(dir, f))) as { register?: RegisterCommand };
    if (typeof mod.register === 'function') registers.push(mod.register);
  }
  return names(registers);
}

function runScripts(wf: Obj): string[] {
  return Object.values(wf.jobs as Obj).flatMap((job: Obj) => (job.steps as Obj[]).map((s) => s.run).filter((r): r is string => typeof r === 'string'));
}

function citydashCommands(wf: Obj): string[] {
  return runScripts(wf).flatMap((r) => [...r.matchAll(/\bnpx citydash ([a-z][a-z-]*)/g)].map((m) => m[1]));
}

let registered: Set<string>;
beforeAll(async () => {
  registered = await moduleCommands();
});

test('every citydash command the workflows run is registered by the CLI', () => {
  const used = new Set(['nightly.yml', 'pr.yml', 'pr-comment.yml'].flatMap((f) => citydashCommands(load(f))));
  expect([...used].sort()).toEqual(['build', 'check', 'diff', 'fetch', 'publish', 'run', 'validate']);
  expect([...used].filter((c) => !registered.has(c))).toEqual([]);
  // whatever index.ts wires must come from these modules
  expect([...names(wired)].filter((c) => !registered.has(c))).toEqual([]);
});

test('nightly: cron and manual runs, a matrix of shard fetches, then one build-and-publish job', () => {
  const wf = load('nightly.yml');
  expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  expect(wf.on.schedule[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
  expect(wf.permissions).toEqual({ contents: 'read' });
  const fetch = wf.jobs.fetch;
  const shards: number[] = fetch.strategy.matrix.shard;
  expect(shards).toEqual(Array.from({ length: Number(wf.env.SHARDS) }, (_, i) => i + 1));
  const fetchRun = fetch.steps.find((s: Obj) => /citydash fetch/.test(s.run ?? ''));
  expect(fetchRun.run).toContain('npx citydash fetch --shard ${{ matrix.shard }}/${SHARDS}');
  expect(fetchRun.env).toEqual({ SEOUL_API_KEY: '${{ secrets.SEOUL_API_KEY }}' });
  const upload = fetch.steps.find((s: Obj) => String(s.uses).startsWith('actions/upload-artifact'));
  expect(upload.with).toMatchObject({ path: '.citydash/', 'include-hidden-files': true });

  const build = wf.jobs['build-publish'];
  expect(build.needs).toBe('fetch');
  const download = build.steps.find((s: Obj) => String(s.uses).startsWith('actions/download-artifact'));
  expect(download.with).toMatchObject({ pattern: 'work-shard-*', path: '.citydash/', 'merge-multiple': true });
  const steps = build.steps.map((s: Obj) => s.run ?? '').join('\n');
  expect(steps.indexOf('npx citydash build')).toBeLessThan(steps.indexOf('npx citydash publish --target "$CITYDASH_TARGET"'));
  // exit 2 publishes with a warning; anything else non-zero fails the job
  const buildStep = build.steps.find((s: Obj) => /citydash build/.test(s.run ?? ''));
  // Feedback issues are read back with the job's own token, allowed to read issues and nothing more.
  expect(build.permissions).toEqual({ contents: 'read', issues: 'read' });
  expect(buildStep.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
  const kept = build.steps.find((s: Obj) => String(s.uses).startsWith('actions/cache'));
  expect(kept.with).toMatchObject({ path: '.citydash/feedback/', 'restore-keys': 'feedback-' });
  expect(buildStep.run).toMatch(/if \[ "\$code" -eq 2 \]; then echo "::warning::.*; exit 0; fi\s+exit \$code/);
  const publish = build.steps.find((s: Obj) => /citydash publish/.test(s.run ?? ''));
  expect(Object.keys(publish.env).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'CITYDASH_TARGET']);
  expect(steps).toMatch(/citydash diff .*--format markdown[\s\S]*>> "\$GITHUB_STEP_SUMMARY"/);
});

test('pull requests: no secrets, read-only, check report and previews uploaded; comments posted separately', () => {
  const pr = load('pr.yml');
  expect(Object.keys(pr.on)).toEqual(['pull_request']);
  expect(pr.permissions).toEqual({ contents: 'read' });
  const text = readFileSync(join(WORKFLOWS, 'pr.yml'), 'utf8');
  expect(text).not.toMatch(/secrets\./);
  const check = pr.jobs.check;
  const run = check.steps.map((s: Obj) => s.run ?? '').join('\n');
  expect(run).toContain('npx citydash check --base .citydash-base --format markdown --preview-dir dist/check > dist/check/report.md');
  expect(run).toContain('npx citydash run --offline --target dir:dist/preview-site');
  const uploads = check.steps.filter((s: Obj) => String(s.uses).startsWith('actions/upload-artifact')).map((s: Obj) => s.with.path);
  expect(uploads).toEqual(['dist/check/', 'dist/preview-site/']);

  const comment = load('pr-comment.yml');
  expect(comment.on.workflow_run).toEqual({ workflows: ['pull request'], types: ['completed'] });
  expect(comment.permissions).toEqual({ contents: 'read' });
  expect(comment.jobs.comment.permissions).toEqual({ 'pull-requests': 'write', actions: 'read' });
  // the job with write access never checks out or runs the pull request's code
  const uses = comment.jobs.comment.steps.map((s: Obj) => String(s.uses ?? ''));
  expect(uses.some((u: string) => u.startsWith('actions/checkout'))).toBe(false);
  expect(citydashCommands(comment)).toEqual([]);
  expect(runScripts(comment).join('\n')).not.toMatch(/npm|npx|node /);
});

test('every job that runs Node uses the current LTS (24), as citydash init\'s workflows do', () => {
  const setups = ['nightly.yml', 'pr.yml', 'pr-comment.yml'].flatMap((f) => Object.values(load(f).jobs as Obj)
    .flatMap((job: Obj) => (job.steps as Obj[]).filter((s) => String(s.uses ?? '').startsWith('actions/setup-node'))));
  expect(setups.length).toBe(3);
  for (const s of setups) expect(s.with['node-version']).toBe(24);
});
