import { isGraphAudience, isGuid, type TokenVersion } from '../entra/token-facts';

/**
 * Names the likely cause of an `aud` mismatch. This is where the v1/v2 confusion gets explained:
 * v2 tokens always carry the API's appId GUID, v1 tokens the App ID URI exactly as requested.
 */
export function audienceHint(
  tokenAudiences: readonly string[] | undefined,
  configured: readonly string[],
  version: TokenVersion | undefined,
): string {
  const wanted = configured[0] === undefined ? 'this API' : `scope=${scopeFor(configured[0])}`;
  if (tokenAudiences === undefined || tokenAudiences.length === 0) {
    return `The token has no aud claim, so it is not an access token for an API; request one with ${wanted}.`;
  }
  for (const aud of tokenAudiences) {
    const near = configured.find((value) => loose(value) === loose(aud));
    if (near !== undefined) {
      return `aud "${aud}" differs from the configured "${near}" only by case or a trailing slash, and audiences compare exactly; list both forms (v1 tokens carry the App ID URI exactly as requested; the Entra preset lists both).`;
    }
  }
  const aud = tokenAudiences[0];
  if (isGraphAudience(aud)) {
    return `aud is Microsoft Graph (${aud}): the client asked for a Graph token; request a token for this API with ${wanted}.`;
  }
  const configuredGuids = configured.filter(isGuid);
  if (isGuid(aud) && version !== '1.0') {
    const ours = configured.some((value) => value.toLowerCase().includes(aud.toLowerCase()));
    return ours || configuredGuids.length === 0
      ? `aud is the appId GUID (${aud}): this is a v2 token (the API's registration has accessTokenAcceptedVersion 2, and v2 tokens always carry the GUID); add the GUID to audiences or use the Entra preset.`
      : `aud is the appId GUID ${aud}, which is not this API's: the token was requested for another API; request it with ${wanted}.`;
  }
  if (!isGuid(aud) && configuredGuids.length === configured.length) {
    const ours = configuredGuids.some((guid) => aud.toLowerCase().includes(guid.toLowerCase()));
    // An App ID URI naming another app id (api://<other GUID>) is another API's, whatever the version.
    const otherApp = !ours && GUID_INSIDE.test(aud);
    if (ours || (version === '1.0' && !otherApp)) {
      return `aud is the App ID URI (${aud}): this is a v1 token (the API's registration issues v1 tokens unless accessTokenAcceptedVersion is 2, and they carry the App ID URI as requested) but only the appId GUID is configured; add the App ID URI to audiences or use the Entra preset.`;
    }
  }
  return `The token was issued for another audience (${aud}); request it with ${wanted}.`;
}

const GUID_INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function scopeFor(audience: string): string {
  return `${audience.replace(/\/+$/, '')}/.default`;
}

function loose(value: string): string {
  return value.replace(/\/+$/, '').toLowerCase();
}
