import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { Agent, setGlobalDispatcher } from 'undici';
import { describeFailure } from '@stack/apim-policy';
import type { DoctorKeySource, KeyLookup } from '@stack/claim-policy';
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
  return {
    async lookup(url: string, kid: string): Promise<KeyLookup> {
      let issuer: string;
      try {
        issuer = await keys.issuerOf(url);
      } catch (error) {
        // The message names the document and the cause (refused, timed out, HTTP status…); add where it was fetched.
        const fetched = hostMap.resolve(url);
        const from = fetched === url ? '' : ` (fetched from ${new URL(fetched).origin})`;
        return { kind: 'unavailable', detail: `${describeFailure(error)}${from}` };
      }
      try {
        return { kind: 'found', key: await keys.keyOf(url, kid), issuer };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return code === 'ERR_KEY_NOT_FOUND'
          ? { kind: 'not-found', issuer, detail: `the JWKS of ${issuer} has no key ${kid}` }
          : { kind: 'unavailable', detail: `the JWKS of ${issuer}: ${describeFailure(error)}` };
      }
    },
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
