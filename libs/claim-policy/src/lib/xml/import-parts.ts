import type { ClaimMatch, ClaimPolicy, RequiredClaim, TokenSource } from '../model';
import type { ElementReader } from './element-reader';
import { PolicyImportError } from './policy-import-error';
import { parseStatus } from './value-parsers';

/**
 * `<required-claims>`: each `<claim name match separator>` with its `<value>`s. `match` defaults
 * to `all` (APIM). A `<claim>` without `<value>` only requires the claim to be present. Several
 * `<claim>` elements, even with the same name, must all hold.
 */
export function readRequiredClaims(reader: ElementReader | undefined): RequiredClaim[] {
  if (reader === undefined) return [];
  reader.expectShape([], ['claim']);
  const claims = reader.children('claim').map((claim): RequiredClaim => {
    claim.expectShape(['name', 'match', 'separator'], ['value']);
    const match = claim.attribute('match')?.trim().toLowerCase() ?? 'all';
    if (match !== 'all' && match !== 'any') {
      throw new PolicyImportError('IMPORT_INVALID_VALUE', `must be "all" or "any", got "${match}".`, claim.at('match'));
    }
    const separator = claim.attribute('separator');
    if (separator === '')
      throw new PolicyImportError('IMPORT_INVALID_VALUE', 'must not be empty; omit it instead.', claim.at('separator'));
    const values = claim.children('value').map((value) => {
      value.expectShape([], [], true);
      return value.text();
    });
    return {
      name: claim.requiredAttribute('name').trim(),
      match: match as ClaimMatch,
      values,
      ...(separator === undefined ? {} : { separator }),
    };
  });
  if (claims.length === 0)
    throw new PolicyImportError(
      'IMPORT_MISSING',
      'needs at least one <claim>; remove it if no claim is required.',
      reader.at(),
    );
  return claims;
}

/** A list element such as `<audiences><audience>…` with at least one entry. */
export function readList(reader: ElementReader | undefined, itemName: string): string[] {
  if (reader === undefined) return [];
  reader.expectShape([], [itemName]);
  const items = reader.children(itemName).map((item) => {
    item.expectShape([], [], true);
    return item.text();
  });
  if (items.length === 0) {
    throw new PolicyImportError(
      'IMPORT_MISSING',
      `needs at least one <${itemName}>; remove it instead of leaving it empty.`,
      reader.at(),
    );
  }
  return items;
}

/** `<decryption-keys>` (encrypted tokens) are out of scope: refused, never ignored. */
export function refuseDecryptionKeys(reader: ElementReader): void {
  const keys = reader.child('decryption-keys');
  if (keys !== undefined) {
    throw new PolicyImportError(
      'IMPORT_UNSUPPORTED',
      'encrypted tokens (JWE) are not supported by this stack; Entra access tokens for your own API are signed, not encrypted. Remove <decryption-keys>.',
      keys.at(),
    );
  }
}

/** The failure-response and output attributes both policies share. */
export function readFailureAndOutput(reader: ElementReader): Partial<ClaimPolicy> {
  const status = reader.attribute('failed-validation-httpcode');
  const message = reader.attribute('failed-validation-error-message');
  // APIM: output-token-variable-name does not allow expressions.
  const output = reader.attribute('output-token-variable-name', {
    expressions: false,
  });
  const id = reader.attribute('id', { expressions: false });
  return {
    ...(status === undefined
      ? {}
      : {
          failedStatus: parseStatus(status, reader.at('failed-validation-httpcode')),
        }),
    ...(message === undefined ? {} : { failedMessage: message }),
    ...(output === undefined ? {} : { outputTokenVariableName: output }),
    ...(id === undefined ? {} : { policyId: id }),
  };
}

/**
 * `header-name` / `query-parameter-name` / `token-value`: at most one (APIM: "alternatively").
 * `fallbackHeader` applies when none is given (validate-azure-ad-token defaults to Authorization).
 */
export function readTokenSource(
  reader: ElementReader,
  fallbackHeader: string | undefined,
  requireScheme: string | undefined,
): TokenSource {
  const given = ['header-name', 'query-parameter-name', 'token-value'].filter(
    (name) => reader.element.attributes[name] !== undefined,
  );
  if (given.length > 1) {
    throw new PolicyImportError(
      'IMPORT_INVALID_VALUE',
      `give only one of ${given.join(', ')}: the token comes from exactly one place.`,
      reader.at(given[1]),
    );
  }
  if (given.length === 0 && fallbackHeader === undefined) {
    throw new PolicyImportError(
      'IMPORT_MISSING',
      'needs one of header-name, query-parameter-name or token-value to say where the token is.',
      reader.at(),
    );
  }
  const scheme = requireScheme === undefined ? {} : { requireScheme };
  if (given[0] === 'query-parameter-name')
    return {
      queryParameterName: reader.requiredAttribute('query-parameter-name'),
      ...scheme,
    };
  if (given[0] === 'token-value') return { tokenValue: reader.requiredAttribute('token-value'), ...scheme };
  return {
    headerName:
      given[0] === 'header-name' ? reader.requiredAttribute('header-name').trim() : (fallbackHeader as string),
    ...scheme,
  };
}
