import { Command } from 'commander';
import { registerNew } from './pipeline/cli/commands/new.ts';
import { memoryLogger } from './pipeline/log.ts';
const program = new Command('citydash').exitOverride();
registerNew({ effects: { fetch, now: () => new Date(), log: memoryLogger(), env: {} } })(program, () => {});
await program.parseAsync(['node', 'citydash', 'new', ...process.argv.slice(2)]);
