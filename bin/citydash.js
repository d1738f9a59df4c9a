#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so `npm ci` is the only setup step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../pipeline/cli/main.ts');
process.exitCode = await main(process.argv);
