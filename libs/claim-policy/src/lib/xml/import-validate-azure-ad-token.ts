import { createPolicy } from '../defaults';
import { isGuid } from '../entra/token-facts';
import type { ClaimPolicy } from '../model';
import type { ElementReader } from './element-reader';
import type { ImportOptions } from './import-options';
import {
  readFailureAndOutput,
  readList,
  readRequiredClaims,
  readTokenSource,
  refuseDecryptionKeys,
} from './import-parts';
import { PolicyImportError } from './policy-import-error';
import { parseUrl } from './value-parsers';

const ATTRIBUTES = [
  'id',
  'tenant-id',
  'header-name',
  'query-parameter-name',
  'token-value',
  'failed-validation-httpcode',
  'failed-validation-error-message',
  'output-token-variable-name',
  'authentication-endpoint',
];
const CHILDREN = [
  'client-application-ids',
  'backend-application-ids',
  'audiences',
  'required-claims',
  'decryption-keys',
];

/**
 * `<validate-azure-ad-token>` → policy, the Entra way (apim.md §2; choices in the README):
 * - issuers: both forms for `tenant-id` (`<authority>/<tid>/v2.0` and `<v1 host>/<tid>/`), keys from
 *   the tenant's v2 discovery document; RS256 only; `exp` required; no clock skew;
 * - `client-application-ids` → `allowedClientIds` (`azp` in v2, `appid` in v1);
 * - `backend-application-ids` → audiences: each id, plus `api://<id>` with and without slash
 *   (what v1 tokens carry when the App ID URI is the default);
 * - token in `Authorization` with the `Bearer` scheme unless another source is named.
 */
export function importValidateAzureAdTokenReader(reader: ElementReader, options: ImportOptions): ClaimPolicy {
  reader.expectShape(ATTRIBUTES, CHILDREN);
  refuseDecryptionKeys(reader);
  const tenantId = reader.requiredAttribute('tenant-id').trim();
  if (!isGuid(tenantId)) {
    throw new PolicyImportError(
      'IMPORT_INVALID_VALUE',
      `must be the tenant's GUID (tokens carry the GUID in iss), got "${tenantId}"; domain names and URLs are not supported here.`,
      reader.at('tenant-id'),
    );
  }
  const endpoint = reader.attribute('authentication-endpoint');
  const authority = trim(
    options.entra?.authorityHost ??
      (endpoint === undefined ? undefined : parseUrl(endpoint, reader.at('authentication-endpoint'))) ??
      'https://login.microsoftonline.com',
  );
  const v1Host = trim(options.entra?.v1IssuerHost ?? 'https://sts.windows.net');
  const clients = readList(reader.child('client-application-ids'), 'application-id');
  const backends = readList(reader.child('backend-application-ids'), 'application-id');
  const audiences = readList(reader.child('audiences'), 'audience');
  if (clients.length === 0 && backends.length === 0 && audiences.length === 0) {
    throw new PolicyImportError(
      'IMPORT_MISSING',
      'needs <client-application-ids>, <audiences> or <backend-application-ids>: without them any token of the tenant would pass.',
      reader.at(),
    );
  }
  const custom =
    reader.element.attributes['header-name'] !== undefined &&
    reader.attribute('header-name')?.trim().toLowerCase() !== 'authorization';
  return createPolicy({
    origin: 'validate-azure-ad-token',
    source: readTokenSource(reader, 'Authorization', custom ? undefined : 'Bearer'),
    ...readFailureAndOutput(reader),
    issuers: [`${authority}/${tenantId}/v2.0`, `${v1Host}/${tenantId}/`],
    openIdConfigUrls: [`${authority}/${tenantId}/v2.0/.well-known/openid-configuration`],
    audiences: [...new Set([...audiences, ...backends.flatMap((id) => [id, `api://${id}`, `api://${id}/`])])],
    allowedClientIds: clients,
    requiredClaims: readRequiredClaims(reader.child('required-claims')),
  });
}

function trim(url: string): string {
  return url.replace(/\/+$/, '');
}
