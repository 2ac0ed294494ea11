/**
 * `npm run trust` / `npm run untrust`, like mkcert -install / -uninstall for the identity service's development CA:
 * print the plan (every store and its exact command), ask, then carry it out. Missing tools are reported with how
 * to install them; the other stores still proceed.
 */
import { devCaPath } from '../stack/stack';
import { DevCaMissingError, readDevCa } from './dev-ca';
import { discover } from './discover';
import { planTrust, type TrustAction } from './plan';
import { formatPlan, runPlan } from './run-plan';
import type { TrustEnv } from './trust-env';

export interface TrustArgs {
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly system: boolean;
  readonly help: boolean;
}

export function usage(action: TrustAction): string {
  const what = action === 'trust' ? 'Installs the development CA into' : 'Removes the development CA from';
  return [
    `Usage: npm run ${action} -- [--yes] [--dry-run] [--no-system]`,
    `${what} this machine's trust stores (browsers' NSS databases, the OS store).`,
    'The CA is .data/certs/ca.pem, or certs/ca.pem under IDENTITY_DATA_DIR.',
    '  --yes        do not ask before changing anything',
    '  --dry-run    print the plan only',
    '  --no-system  leave the OS store alone (system CA bundle, macOS keychain, Windows Root store)',
  ].join('\n');
}

/** Parses the flags; throws on an unknown one (the message names it). */
export function parseTrustArgs(args: readonly string[]): TrustArgs {
  const parsed = { yes: false, dryRun: false, system: true, help: false };
  for (const arg of args) {
    if (arg === '--yes' || arg === '-y') parsed.yes = true;
    else if (arg === '--dry-run') parsed.dryRun = true;
    else if (arg === '--no-system') parsed.system = false;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else throw new Error(`Unknown option ${arg}.`);
  }
  return parsed;
}

/** Runs the command; resolves with the process exit code (0 done, 1 failed or cancelled, 2 bad usage). */
export async function runTrustCommand(action: TrustAction, args: readonly string[], te: TrustEnv): Promise<number> {
  let options: TrustArgs;
  try {
    options = parseTrustArgs(args);
  } catch (error) {
    te.log(`${(error as Error).message}\n${usage(action)}`);
    return 2;
  }
  if (options.help) {
    te.log(usage(action));
    return 0;
  }

  let ca;
  try {
    ca = readDevCa(devCaPath(te.env));
  } catch (error) {
    if (!(error instanceof DevCaMissingError)) throw error;
    te.log(error.message);
    return 1;
  }
  const plans = planTrust(action, ca, await discover(te, ca), { system: options.system });

  te.log(`npm run ${action}: ${action === 'trust' ? 'trust' : 'stop trusting'} the development CA`);
  te.log(`  file      ${ca.path}`);
  te.log(`  subject   ${ca.subject}`);
  te.log(`  SHA-256   ${ca.sha256}`);
  te.log(`  nickname  ${ca.nickname}`);
  if (te.isRoot && te.env['SUDO_USER']) {
    // Under sudo, HOME may be root's: the browser stores found are then root's, not the user's.
    te.log(
      `Note: running under sudo, so the browser stores are those of HOME=${te.env['HOME'] ?? '?'}; run without sudo (it asks for sudo only for the system store).`,
    );
  }
  te.log('Plan:');
  for (const line of formatPlan(plans)) te.log(line);

  if (!plans.some((plan) => plan.commands.length > 0)) {
    te.log('Nothing to change.');
    return plans.some((plan) => plan.unavailable) ? 1 : 0;
  }
  if (options.dryRun) {
    te.log('Dry run: nothing changed.');
    return 0;
  }
  if (!options.yes && !(await te.confirm('Proceed? [y/N] '))) {
    te.log('Cancelled: nothing changed.');
    return 1;
  }

  const outcomes = await runPlan(plans, te);
  te.log('Result:');
  for (const outcome of outcomes) {
    te.log(`- ${outcome.result.toUpperCase()}: ${outcome.store}${outcome.detail ? ` (${outcome.detail})` : ''}`);
  }
  if (action === 'trust' && outcomes.some((outcome) => outcome.result === 'done')) {
    te.log('Restart your browser so it reads the new trust.');
  }
  return outcomes.some((outcome) => outcome.result === 'failed') ? 1 : 0;
}
