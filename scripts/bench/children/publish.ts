// `citydash publish` for one built site, through the command's own function (the same code the
// CLI runs once the command is registered): plan against the target's manifest, upload what
// changed, manifest last. S3 credentials come from the environment, as in production.
//   node --import tsx publish.ts <site-dir> <work-dir> <target> <cycle-id> [s3-endpoint]
import { runPublishCommand } from '../../../pipeline/cli/commands/publish.ts';
import { arg, exitIfWarmup, reportResult } from './report.ts';

exitIfWarmup();
const [site, work, target, cycle] = [arg(0, 'site dir'), arg(1, 'work dir'), arg(2, 'target'), arg(3, 'cycle id')];
const endpoint = process.argv[6];
const t0 = performance.now();
const { result } = await runPublishCommand({
  site, work, target, cycle, quiet: true,
  ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
});
reportResult({
  seconds: (performance.now() - t0) / 1000, files: result.files, objects: result.uploadedObjects, bytes: result.uploadedBytes,
  unchanged: result.unchanged, planned: result.uploads.length,
});
