// Run by kill.test.ts in a child process: publishes a site and, at its first page upload,
// says PAUSED and waits to be killed (SIGKILL: no unwinding, the lock stays behind).
import { memoryLogger } from '../../pipeline/log.ts';
import { parseTarget } from '../../pipeline/publish/parse-target.ts';
import { publishSite } from '../../pipeline/publish/publish.ts';
import type { Target } from '../../pipeline/publish/target.ts';
import type { Effects } from '../../pipeline/types.ts';

const [siteDir, spec, endpoint, cycle, now] = process.argv.slice(2);
const effects: Effects = { fetch: globalThis.fetch, now: () => new Date(now), log: memoryLogger(), env: process.env };
const real = parseTarget(spec, endpoint ? { endpoint, forcePathStyle: true } : {}, effects);
const target: Target = {
  name: real.name,
  atomicCreate: real.atomicCreate,
  get: (p) => real.get(p),
  list: (p) => real.list(p),
  delete: (p) => real.delete(p),
  async put(p, body, o) {
    if (p.endsWith('.html')) {
      process.stdout.write('PAUSED\n');
      await new Promise(() => {});
    }
    return real.put(p, body, o);
  },
};
await publishSite({ siteDir, target, cycle, datasets: {}, now: new Date(now), lock: { settleMs: 0 } }, effects);
process.stdout.write('FINISHED\n');
