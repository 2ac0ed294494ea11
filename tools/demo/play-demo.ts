/**
 * Plays every demo scenario against a running stack: what `npm run demo` prints and what its e2e spec asserts.
 */
import { defaultRegistrations } from '@stack/testing';
import { signInDevUser } from '../stack/call/sign-in-dev-user';
import { resolveUserSignIn } from '../stack/call/user-target';
import { readRegistrations } from '../stack/call/worker-defaults';
import { gatewayNamedValueDefault } from '../stack/local-env';
import type { Stack } from '../stack/stack';
import { gatewayScenarios } from './gateway-scenarios';
import { generatedServiceScenarios } from './generated-service-scenarios';
import { apiScenarios, type DemoContext } from './scenarios';
import { userScenarios } from './user-scenarios';

export const demoScenarios = [...apiScenarios, ...gatewayScenarios, ...userScenarios, ...generatedServiceScenarios];

/** One scenario's outcome. */
export interface DemoRow {
  readonly name: string;
  readonly expected: string;
  readonly actual: string;
  readonly ok: boolean;
}

/**
 * Runs each scenario in order against `stack` (started with `env`, its identity data in `dataDir`). The caller trusts
 * the stack's dev CA for fetch first (`trustDevCa`).
 */
export async function playDemo(stack: Stack, env: NodeJS.ProcessEnv, dataDir: string): Promise<DemoRow[]> {
  const url = (name: string) => stack.services.find((s) => s.spec.name === name)?.url as string;
  const { apis, clients, tenantId } = defaultRegistrations;
  const signIns = new Map<string, Promise<string>>();
  const ctx: DemoContext = {
    identityUrl: url('identity'),
    apiUrl: url('protected-api'),
    gatewayUrl: url('gateway'),
    keys: {
      worker: env['WORKER_SUBSCRIPTION_KEY'] as string,
      starter: env['GATEWAY_STARTER_PRIMARY_KEY'] ?? gatewayNamedValueDefault('starter-primary-key'),
    },
    dataDir,
    tenantId,
    api: apis.apiProxy,
    legacyApi: apis.legacyApi,
    client: { appId: clients.apiClient.appId, secret: clients.apiClient.secret as string },
    noRoleClient: { appId: clients.noRoleClient.appId, secret: clients.noRoleClient.secret as string },
    certificateClient: {
      appId: clients.certificateClient.appId,
      certificateName: clients.certificateClient.certificateName as string,
    },
    signInUser: (upn, scope) => {
      const key = `${upn} ${scope}`;
      if (!signIns.has(key)) {
        const plan = resolveUserSignIn(readRegistrations(env), upn, `${url('identity')}/${tenantId}`, scope);
        signIns.set(
          key,
          signInDevUser(plan.request).then((user) => user.accessToken),
        );
      }
      return signIns.get(key) as Promise<string>;
    },
    tokenRequests: async (clientId, scope) => {
      const query = new URLSearchParams({ clientId, scope });
      const metrics = (await (await fetch(`${url('identity')}/admin/metrics?${query}`)).json()) as {
        tokenRequests: number;
      };
      return metrics.tokenRequests;
    },
  };
  const rows: DemoRow[] = [];
  for (const scenario of demoScenarios) {
    const actual = await scenario.run(ctx).catch((error: Error) => `error: ${error.message}`);
    rows.push({ name: scenario.name, expected: scenario.expected, actual, ok: actual === scenario.expected });
  }
  return rows;
}
