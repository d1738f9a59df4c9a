// `citydash serve`: preview the built site (<out>/site, or --dir) on 127.0.0.1 with the headers
// a host would send (CSP and friends, from the site's _headers rules). Runs until Ctrl-C.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError, quote } from '../../errors.ts';
import { addCommonOptions, makeContext, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

interface ServeOptions extends CommonOptions {
  port?: string;
  dir?: string;
}

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 8080;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new CliError(`--port: ${quote(value)} is not a port number (0-65535; 0 picks a free one)`, 1);
  return n;
}

export const register: RegisterCommand = (program, setExit) => {
  addCommonOptions(
    program
      .command('serve')
      .description('preview the built site on localhost, with the site\'s security headers')
      .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '8080')
      .option('--dir <path>', 'site folder to serve (default: <out>/site)'),
  )
    .addHelpText('after', '\nExamples:\n  $ citydash build && citydash serve            # http://127.0.0.1:8080/\n  $ citydash serve --port 0 --dir dist/public')
    .action(async (opts: ServeOptions) => {
      const ctx = makeContext(opts);
      const root = opts.dir ? resolve(opts.dir) : join(ctx.out, 'site');
      // Whatever stat says (absent, no permission), there is no site to serve: the error below says what to do.
      const info = await stat(join(root, 'index.html')).catch(() => null);
      if (!info?.isFile()) throw new CliError(`${root}: no built site here (no index.html); run \`citydash build\` first`, 1);
      const port = parsePort(opts.port);
      const { startStaticServer } = await import('../../site/index.ts');
      let server;
      try {
        server = await startStaticServer({ root, port });
      } catch (err) {
        throw new CliError(`127.0.0.1:${port}: cannot listen: ${(err as Error).message}`, 1);
      }
      ctx.effects.log.info(`serving ${root} at ${server.url} (Ctrl-C to stop)`);
      if (ctx.json) process.stdout.write(`${JSON.stringify({ url: server.url, root })}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      setExit(0);
    });
};
