import type { Command } from 'commander';
import { register as build } from './build.ts';
import { register as fetch } from './fetch.ts';
import { register as validate } from './validate.ts';

/** A command registers itself and reports its exit code through `setExit`. */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const commands: RegisterCommand[] = [fetch, validate, build];
