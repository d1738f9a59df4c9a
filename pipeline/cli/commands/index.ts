import type { Command } from 'commander';
import { register as build } from './build.ts';
import { register as check } from './check.ts';
import { register as diff } from './diff.ts';
import { register as fetch } from './fetch.ts';
import { register as init } from './init.ts';
import { register as newFile } from './new.ts';
import { register as publish } from './publish.ts';
import { register as rollback } from './rollback.ts';
import { register as run } from './run.ts';
import { register as serve } from './serve.ts';
import { register as validate } from './validate.ts';

/**
 * A command registers itself and reports its exit code through `setExit`. A command module
 * imports statically only what registering needs (commander, options, help text); what the
 * command runs is imported inside its action, so `citydash --help` loads no stage at all.
 */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

// Order of `citydash --help`: the cycle first, then its stages, then the tools around it.
export const commands: RegisterCommand[] = [run, fetch, validate, build, publish, diff, rollback, check, newFile, init, serve];
