import { summarizeProfile } from '../cpu-profile.ts';
console.log(JSON.stringify(await summarizeProfile(process.argv[2]!, process.cwd(), 15), null, 1));
