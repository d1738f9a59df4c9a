import { Command } from 'commander';
import { registerCheck } from './pipeline/cli/commands/check.ts';
import { memoryLogger } from './pipeline/log.ts';
const program = new Command('citydash').exitOverride();
let code = 0;
const t = Date.now();
registerCheck({ effects: { fetch, now: () => new Date(), log: memoryLogger(), env: {} } })(program, (c) => { code = c; });
await program.parseAsync(['node', 'citydash', 'check', ...process.argv.slice(2)]);
console.log('exit', code, Date.now() - t, 'ms');
