/** Prints a plan with its exact commands, and carries it out store by store: one failing store stops only itself. */
import type { Command, StorePlan } from './plan';
import type { TrustEnv } from './trust-env';

/** A command as the user could type it (arguments with spaces or quotes are double-quoted). */
export function formatCommand(command: Command): string {
  if ('mkdir' in command) return `mkdir -p ${quote(command.mkdir)}`;
  return command.argv.map(quote).join(' ');
}

function quote(arg: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The plan as lines: each store, then its commands, or why nothing happens there. */
export function formatPlan(plans: readonly StorePlan[]): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(`- ${plan.store}`);
    if (plan.unavailable) lines.push(`    NOT POSSIBLE: ${plan.unavailable}`);
    else if (plan.skipped) lines.push(`    nothing to do: ${plan.skipped}`);
    for (const command of plan.commands) lines.push(`    $ ${formatCommand(command)}`);
    if (plan.note) lines.push(`    note: ${plan.note}`);
  }
  return lines;
}

export interface StoreOutcome {
  readonly store: string;
  readonly result: 'done' | 'failed' | 'unavailable' | 'skipped';
  readonly detail?: string;
}

/** Runs every store's commands in order; a failure ends that store and the next one proceeds. */
export async function runPlan(plans: readonly StorePlan[], te: TrustEnv): Promise<StoreOutcome[]> {
  const outcomes: StoreOutcome[] = [];
  for (const plan of plans) {
    if (plan.unavailable) {
      outcomes.push({ store: plan.store, result: 'unavailable', detail: plan.unavailable });
      continue;
    }
    if (plan.commands.length === 0) {
      outcomes.push({ store: plan.store, result: 'skipped', detail: plan.skipped });
      continue;
    }
    outcomes.push({ store: plan.store, ...(await runStore(plan.commands, te)) });
  }
  return outcomes;
}

async function runStore(commands: readonly Command[], te: TrustEnv): Promise<Omit<StoreOutcome, 'store'>> {
  for (const command of commands) {
    te.log(`$ ${formatCommand(command)}`);
    if ('mkdir' in command) {
      try {
        te.mkdir(command.mkdir);
      } catch (error) {
        return { result: 'failed', detail: `${formatCommand(command)}: ${(error as Error).message}` };
      }
      continue;
    }
    const code = await te.run(command.argv);
    if (code !== 0) {
      const why = code === -1 ? 'could not start it' : `exit code ${code}`;
      return { result: 'failed', detail: `${formatCommand(command)}: ${why}` };
    }
  }
  return { result: 'done' };
}
