// s3rver (an S3 implementation on disk) on loopback for the publish figures, in its own
// process so serving never competes with the harness. Prints the endpoint, then runs until
// killed.
//   node --import tsx s3-server.ts <data-dir> <bucket>
import S3rver from 's3rver';
import { arg } from './report.ts';

const server = new S3rver({
  address: '127.0.0.1', port: 0, silent: true, directory: arg(0, 'data dir'), configureBuckets: [{ name: arg(1, 'bucket') }],
});
const { port } = await server.run();
process.stdout.write(`ENDPOINT http://127.0.0.1:${port}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
