/**
 * `npm run azure`: the stack's app registrations and gateway configuration, for a real tenant and API Management.
 * `--print` prints the script; otherwise it runs it with bash (refusing at once when az is not installed).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { parseRegistrations, RegistrationsError } from '@stack/identity-server';
import { repoRoot } from '../stack/services';
import { AZURE_USAGE, AzureArgsError, parseAzureArgs } from './azure-args';
import { azureScript } from './azure-script';

export function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  let args;
  try {
    args = parseAzureArgs(argv);
  } catch (error) {
    if (!(error instanceof AzureArgsError)) throw error;
    process.stderr.write(`npm run azure: ${error.message}\n\n${AZURE_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${AZURE_USAGE}\n`);
    return 0;
  }
  const cwd = process.cwd();
  const registrationsFile = resolve(
    cwd,
    args.registrations ?? join(repoRoot, 'config', 'identity', 'registrations.json'),
  );
  let script: string;
  try {
    const registrations = parseRegistrations(readJson(registrationsFile), registrationsFile);
    script = azureScript({
      registrations,
      registrationsFile,
      gatewayConfigDir: args.skipApim
        ? undefined
        : resolve(cwd, args.gatewayConfig ?? join(repoRoot, 'config', 'gateway')),
      cwd: repoRoot,
      tenant: args.tenant,
      resourceGroup: args.resourceGroup,
      serviceName: args.apimName,
    });
  } catch (error) {
    process.stderr.write(`npm run azure: ${(error as Error).message}\n`);
    return 1;
  }
  if (args.print) {
    process.stdout.write(script);
    return 0;
  }
  if (!onPath('az', env)) {
    process.stderr.write(
      'npm run azure: az (the Azure CLI) is not on the PATH, so nothing was created. Install it ' +
        '(https://aka.ms/InstallAzureCLI) and run az login, or print the script with --print to read or run it elsewhere.\n',
    );
    return 1;
  }
  const run = spawnSync('bash', ['-c', script], { cwd: repoRoot, env, stdio: 'inherit' });
  if (run.error) {
    // Windows without Git Bash or WSL, say: the script is bash, so say so rather than fail silently.
    process.stderr.write(
      `npm run azure: cannot start bash (${(run.error as NodeJS.ErrnoException).code ?? run.error.message}), so ` +
        'nothing was created. The script is a bash script: run this from Git Bash or WSL, or print it with --print ' +
        'and run it in Azure Cloud Shell.\n',
    );
    return 1;
  }
  return run.status ?? 1;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RegistrationsError(file, [{ path: '', message: `Cannot read the registrations file: ${String(error)}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RegistrationsError(file, [{ path: '', message: `Not valid JSON: ${(error as Error).message}` }]);
  }
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  const dirs = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? [`${command}.cmd`, `${command}.exe`] : [command];
  return dirs.some((dir) => names.some((name) => isExecutable(join(dir, name))));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
