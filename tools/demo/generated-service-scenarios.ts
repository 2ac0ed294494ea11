/**
 * One demo scenario per generated protected service (config/stack/services.json): through the gateway, the default
 * client (which holds the service's roles) reads with 200, the client without roles gets 403 from the operation policy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProtectedServices, type ProtectedService } from '../stack/protected-services';
import type { DemoContext, Scenario } from './scenarios';
import { tokenFor } from './scenarios';

const registrationsFile = join(__dirname, '..', '..', 'config', 'identity', 'registrations.json');

/** The scope of the service's API: `<App ID URI>/.default`, from its app registration. */
function scopeOf(service: ProtectedService): { scope: string } {
  const { apis } = JSON.parse(readFileSync(registrationsFile, 'utf8')) as {
    apis: { displayName: string; identifierUris: string[] }[];
  };
  const api = apis.find((a) => a.displayName === service.registration);
  if (!api) throw new Error(`config/identity/registrations.json has no API "${service.registration}"`);
  return { scope: `${api.identifierUris[0]}/.default` };
}

async function readStatus(ctx: DemoContext, path: string, token: string): Promise<number> {
  const response = await fetch(`${ctx.gatewayUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, 'ocp-apim-subscription-key': ctx.keys.worker },
  });
  await response.arrayBuffer();
  return response.status;
}

function roleScenario(service: ProtectedService): Scenario {
  const path = `/${service.gatewayPath}/resource`;
  return {
    name: `gateway: ${service.name} ${service.roles[0]} -> 200, no role -> 403`,
    expected: '200, 403',
    run: async (ctx) => {
      const target = scopeOf(service);
      const withRole = await readStatus(ctx, path, await tokenFor(ctx, ctx.client, target));
      const withoutRole = await readStatus(ctx, path, await tokenFor(ctx, ctx.noRoleClient, target));
      return `${withRole}, ${withoutRole}`;
    },
  };
}

export const generatedServiceScenarios: readonly Scenario[] = readProtectedServices().map(roleScenario);
