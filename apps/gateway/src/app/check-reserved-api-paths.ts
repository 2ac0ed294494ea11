import { type ApiDefinition, GatewayConfigError } from '@stack/apim-policy';
import { isReservedPath } from './reserved-paths';

/** An API under /docs or the status path would be unreachable; say so at start-up. */
export function checkReservedApiPaths(apis: readonly ApiDefinition[]): void {
  apis.forEach((api, index) => {
    if (api.path !== '' && isReservedPath(`/${api.path}`)) {
      throw new GatewayConfigError(
        'CONFIG_FILE_INVALID',
        `path "${api.path}" is reserved for the gateway (developer portal /docs, status /status-0123456789abcdef); choose another.`,
        { file: 'config/gateway/apis.json', element: `apis[${index}].path` },
      );
    }
  });
}
