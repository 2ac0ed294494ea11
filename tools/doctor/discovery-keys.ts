import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { Agent, setGlobalDispatcher } from 'undici';
import { resolverKeySource } from '@stack/apim-policy';
import type { DoctorKeySource } from '@stack/claim-policy';
import { ENTRA_AUTHORITY_ORIGIN, HostMap, OpenIdSigningKeys } from '@stack/gateway-adapters';

/** A {@link DoctorKeySource} that must be closed (it holds key stores with refresh timers). */
export interface ClosableKeySource extends DoctorKeySource {
  close(): void;
}

/**
 * Signing keys through OpenID discovery, exactly as the gateway finds them (gateway-adapters' OpenIdSigningKeys over
 * nest-auth's key store): `https://login.microsoftonline.com` is fetched from `entraAuthority` when given (the local
 * identity service), from Entra itself otherwise. A provider that cannot be reached is `unavailable`, not a failure.
 */
export function discoveryKeys(entraAuthority: string | undefined, timeoutMs = 5000): ClosableKeySource {
  const hostMap = new HostMap(entraAuthority ? { [ENTRA_AUTHORITY_ORIGIN]: entraAuthority } : {});
  const keys = new OpenIdSigningKeys({ hostMap, timeoutMs });
  // The message names the document and the cause (refused, timed out, HTTP status…); add where it was fetched.
  const fetchedFrom = (url: string) => {
    const fetched = hostMap.resolve(url);
    return fetched === url ? '' : ` (fetched from ${new URL(fetched).origin})`;
  };
  return {
    ...resolverKeySource(keys, fetchedFrom),
    close: () => keys.close(),
  };
}

/**
 * Trusts the stack's development CA (`<data dir>/certs/ca.pem`) for this process, as NODE_EXTRA_CA_CERTS would:
 * the local identity service's HTTPS certificate is signed by it. Nothing happens when the file does not exist.
 */
export function trustDevCa(caPath: string): void {
  if (!existsSync(caPath)) return;
  const ca = [...rootCertificates, readFileSync(caPath, 'utf8')];
  setGlobalDispatcher(new Agent({ connect: { ca } }));
  https.globalAgent.options.ca = ca;
}
