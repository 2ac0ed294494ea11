import { createPolicy } from '../defaults';
import type { ClaimPolicy } from '../model';
import type { ElementReader } from './element-reader';
import {
  readFailureAndOutput,
  readList,
  readRequiredClaims,
  readTokenSource,
  refuseDecryptionKeys,
} from './import-parts';
import { PolicyImportError } from './policy-import-error';
import { readSigningKeys } from './signing-keys';
import { parseBoolean, parseSeconds, parseUrl } from './value-parsers';

const ATTRIBUTES = [
  'id',
  'header-name',
  'query-parameter-name',
  'token-value',
  'failed-validation-httpcode',
  'failed-validation-error-message',
  'require-expiration-time',
  'require-scheme',
  'require-signed-tokens',
  'clock-skew',
  'output-token-variable-name',
];
const CHILDREN = ['openid-config', 'issuer-signing-keys', 'decryption-keys', 'audiences', 'issuers', 'required-claims'];

/** APIM's asymmetric algorithms (2024 doc: PS256, RS256, RS512) for keys from openid-config, certificates, n/e. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS512', 'PS256'];

/**
 * `<validate-jwt>` → policy. Children may come in any order. Algorithms follow the key sources:
 * inline (symmetric) keys allow HS256, the others RS256/RS512/PS256.
 */
export function importValidateJwtReader(reader: ElementReader): ClaimPolicy {
  reader.expectShape(ATTRIBUTES, CHILDREN);
  refuseDecryptionKeys(reader);
  const requireScheme = reader.attribute('require-scheme');
  const openIdConfigUrls = reader.children('openid-config').map((config) => {
    // validate-connectivity governs APIM's save-time reachability check only; accepted, no runtime effect.
    config.expectShape(['url', 'validate-connectivity'], []);
    const check = config.attribute('validate-connectivity');
    if (check !== undefined) parseBoolean(check, config.at('validate-connectivity'));
    return parseUrl(config.requiredAttribute('url'), config.at('url'));
  });
  const issuerSigningKeys = readSigningKeys(reader.child('issuer-signing-keys'));
  const requireSignedTokens = optionalBoolean(reader, 'require-signed-tokens');
  const asymmetric = openIdConfigUrls.length > 0 || issuerSigningKeys.some((key) => key.kind !== 'symmetric');
  const symmetric = issuerSigningKeys.some((key) => key.kind === 'symmetric');
  if (!asymmetric && !symmetric && requireSignedTokens !== false) {
    throw new PolicyImportError(
      'IMPORT_MISSING',
      'needs <openid-config> or <issuer-signing-keys> to verify token signatures.',
      reader.at(),
    );
  }
  const skew = reader.attribute('clock-skew');
  return createPolicy({
    origin: 'validate-jwt',
    source: readTokenSource(reader, undefined, requireScheme?.trim() || undefined),
    ...readFailureAndOutput(reader),
    requireExpirationTime: optionalBoolean(reader, 'require-expiration-time'),
    requireSignedTokens,
    clockSkewSeconds: skew === undefined ? undefined : parseSeconds(skew, reader.at('clock-skew')),
    // No key source (only with require-signed-tokens="false"): keep the default; signed tokens then fail on their key.
    allowedAlgorithms:
      symmetric || asymmetric
        ? [...(symmetric ? ['HS256'] : []), ...(asymmetric ? ASYMMETRIC_ALGORITHMS : [])]
        : undefined,
    openIdConfigUrls,
    issuerSigningKeys,
    audiences: readList(reader.child('audiences'), 'audience'),
    issuers: readList(reader.child('issuers'), 'issuer'),
    requiredClaims: readRequiredClaims(reader.child('required-claims')),
  });
}

function optionalBoolean(reader: ElementReader, name: string): boolean | undefined {
  const value = reader.attribute(name);
  return value === undefined ? undefined : parseBoolean(value, reader.at(name));
}
