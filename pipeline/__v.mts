import { Command } from 'commander';
import { registerValidate } from './cli/commands/validate.ts';
import { registerFetch } from './cli/commands/fetch.ts';
const program = new Command('citydash').exitOverride();
let code = 0;
registerFetch()(program, (c) => { code = c; });
registerValidate()(program, (c) => { code = c; });
await program.parseAsync(['node', 'citydash', ...process.argv.slice(2)]);
console.error('exit', code);
