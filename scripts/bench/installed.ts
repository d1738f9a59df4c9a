// The package `npm pack` makes, installed into an empty folder without dev dependencies
// (scripts/package/install.ts), as a city's repository installs citydash: packed and installed
// once per run, then shared by the figures that run the CLI as cities do (start-up, cycles).
import { join } from 'node:path';
import { installPackage, packPackage } from '../package/install.ts';
import { shared, type BenchContext } from './context.ts';
import type { ProcSpec } from './proc.ts';

export interface InstalledCli {
  installSeconds: number;
  /** `citydash ARGS` from the installed package (compiled JavaScript, no tsx), in `cwd`. */
  spec(args: string[], cwd?: string): ProcSpec;
}

export function installedCli(ctx: BenchContext): Promise<InstalledCli> {
  return shared(ctx, 'installed-cli', async (): Promise<InstalledCli> => {
    const started = performance.now();
    const folder = join(ctx.tmp, 'installed');
    process.stderr.write('  packing and installing citydash (not measured)\n');
    await installPackage(await packPackage(join(ctx.tmp, 'pack')), folder);
    const bin = join(folder, 'node_modules', 'citydash', 'bin', 'citydash.js');
    return {
      installSeconds: (performance.now() - started) / 1000,
      spec: (args: string[], cwd = folder) => ({ cmd: process.execPath, args: [bin, ...args], cwd, env: { NODE_OPTIONS: '' } }),
    };
  });
}
