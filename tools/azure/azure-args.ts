/** Options of `npm run azure`. */
export interface AzureArgs {
  readonly print: boolean;
  readonly help: boolean;
  readonly registrations?: string;
  readonly gatewayConfig?: string;
  readonly skipApim: boolean;
  readonly tenant?: string;
  readonly resourceGroup?: string;
  readonly apimName?: string;
}

export const AZURE_USAGE = `Usage: npm run azure -- [--print] [options]

Creates the app registrations of config/identity/registrations.json in a real Entra tenant (az CLI and Microsoft
Graph), and the gateway configuration of config/gateway/ in Azure API Management. See docs/azure.md.

  --print                    print the script (bash) and run nothing; pipe it to bash or keep it
  --registrations <file>     registrations file (default config/identity/registrations.json)
  --gateway-config <dir>     gateway configuration (default config/gateway)
  --skip-apim                Entra only: no API Management commands
  --tenant <id or domain>    stop unless az is signed in to this tenant
  --resource-group <name>    API Management's resource group (default: $APIM_RESOURCE_GROUP when the script runs)
  --apim-name <name>         API Management instance (default: $APIM_SERVICE_NAME when the script runs)

Without --print the script runs with bash, which needs az on the PATH and az login done.`;

export class AzureArgsError extends Error {}

const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.-]+\.[a-z]{2,})$/i;
const AZURE_NAME = /^[A-Za-z0-9._()-]{1,90}$/;

export function parseAzureArgs(argv: readonly string[]): AzureArgs {
  const result: { -readonly [K in keyof AzureArgs]: AzureArgs[K] } = { print: false, help: false, skipApim: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new AzureArgsError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--print':
        result.print = true;
        break;
      case '--help':
      case '-h':
        result.help = true;
        break;
      case '--skip-apim':
        result.skipApim = true;
        break;
      case '--registrations':
        result.registrations = value();
        break;
      case '--gateway-config':
        result.gatewayConfig = value();
        break;
      case '--tenant':
        result.tenant = value();
        if (!TENANT.test(result.tenant)) {
          throw new AzureArgsError(`--tenant must be a tenant id (GUID) or domain, e.g. contoso.onmicrosoft.com`);
        }
        break;
      case '--resource-group':
        result.resourceGroup = value();
        if (!AZURE_NAME.test(result.resourceGroup))
          throw new AzureArgsError('--resource-group is not a resource group name');
        break;
      case '--apim-name':
        result.apimName = value();
        if (!/^[A-Za-z][A-Za-z0-9-]{0,49}$/.test(result.apimName)) {
          throw new AzureArgsError('--apim-name is not an API Management instance name');
        }
        break;
      default:
        throw new AzureArgsError(`unknown option ${arg}`);
    }
  }
  return result;
}
