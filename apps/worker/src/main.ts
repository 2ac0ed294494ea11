/**
 * The worker: a client-credentials daemon that calls the API on an interval (default), or once in `call` mode:
 *   node dist/apps/worker/main.js                       # loop
 *   node dist/apps/worker/main.js call GET /resource     # one call, prints the response
 */
import { runCall } from './app/run-call';
import { runWorker } from './app/run-worker';
import { loadWorkerConfig, WorkerConfigError } from './app/worker-config';

async function main(args: readonly string[]): Promise<void> {
  const config = loadWorkerConfig(process.env);
  if (args[0] === 'call') {
    process.exitCode = await runCall(config, args.slice(1));
    return;
  }
  const worker = await runWorker(config);
  const stop = () => void worker.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await worker.loop.done;
  await worker.stop();
}

main(process.argv.slice(2)).catch((error: Error & { code?: string }) => {
  const detail =
    error instanceof WorkerConfigError ? error.message : `${error.code ? `${error.code}: ` : ''}${error.message}`;
  console.error(detail);
  process.exit(1);
});
