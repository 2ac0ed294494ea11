/**
 * `npm start`: builds the apps (Nx caches unchanged ones), starts the whole stack on the embedded defaults with
 * per-service prefixed logs, prints the URLs, and stops everything cleanly on Ctrl-C.
 */
import { buildApps } from './build';
import { services } from './services';
import { localStackEnv } from './local-env';
import { devCaPath, startStack, type Stack } from './stack';

const colors = [36, 35, 33, 32, 34, 31];
const width = Math.max(...services.map((s) => s.name.length));

function prefix(name: string): string {
  const color = colors[services.findIndex((s) => s.name === name) % colors.length];
  const label = name.padEnd(width);
  return process.stdout.isTTY ? `\x1b[${color}m${label}\x1b[0m |` : `${label} |`;
}

async function main(): Promise<void> {
  const projects = services.map((s) => s.name);
  console.log(`Building ${projects.join(', ')} ...`);
  const built = buildApps(projects);
  if (built !== 0) process.exit(built);

  let stopping = false;
  const running: { stack?: Stack } = {};
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the stack ...');
    await running.stack?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const env = localStackEnv(process.env);
  const stack = await startStack({
    env,
    onLine: (service, line) => console.log(`${prefix(service.name)} ${line}`),
    onExit: (service, code) => {
      if (stopping) return;
      console.error(`${prefix(service.name)} exited with code ${code}; stopping the others.`);
      void stop(1);
    },
  }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  running.stack = stack;

  console.log('\nThe stack is up:');
  for (const { spec, url } of stack.services) console.log(`  ${spec.name.padEnd(width)}  ${url}`);
  console.log(`\nDev CA (trust it with NODE_EXTRA_CA_CERTS): ${devCaPath(env)}`);
  console.log('Press Ctrl-C to stop.\n');
}

void main();
