#!/usr/bin/env node
// The installed package runs the compiled JavaScript in lib/ (built by `npm pack`). A checkout of
// the repository, where pipeline/ is, runs the TypeScript sources through tsx instead, so an edit
// takes effect at once and `npm ci` is the only setup step.
import { existsSync } from 'node:fs';

const sources = new URL('../pipeline/cli/main.ts', import.meta.url);
let cli;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(sources.href);
} else {
  cli = await import('../lib/cli/main.js');
}
// Before anything is printed: the secret guard masks every secret value on stdout and stderr.
cli.configureSecretGuard(process.env);
cli.guardProcessOutput();
const { main } = cli;
process.exitCode = await main(process.argv);
