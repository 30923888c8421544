// The embedded MongoDB-wire server (CongoDB, in memory) as its own process: the package is ESM-only
// and its CPU and memory stay off the service's event loop. Prints "url=<mongodb url>" when
// listening; stops on SIGTERM/SIGINT or when the parent closes stdin.
import { congodb } from '@push.rocks/smartmongo';

const port = Number(process.argv[2] ?? 0);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`embedded-mongo: a port is required (got ${process.argv[2]})`);
  process.exit(2);
}
const server = new congodb.CongoServer({ host: '127.0.0.1', port });
await server.start();
// CongoDB's hello reply invites the driver's streaming server monitor, which it cannot serve: each
// failed check clears the connection pool under load. Polling checks work.
process.stdout.write(`url=mongodb://127.0.0.1:${port}/?serverMonitoringMode=poll\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
