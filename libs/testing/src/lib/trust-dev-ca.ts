/**
 * Makes this process trust the identity service's development CA, in-process: global `fetch` (which msal-node
 * and jose use) through undici's global dispatcher, and `node:https`'s global agent (jwks-rsa and other
 * https.request clients). Child processes get the same through `NODE_EXTRA_CA_CERTS=<caCertPath>` instead.
 *
 * Jest gives each test file its own global object but the host realm's native fetch, which reads the host
 * realm's dispatcher and so ignores one set from a test; undici's own fetch is therefore installed as the global
 * fetch too (same API, same global dispatcher).
 */
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch, getGlobalDispatcher, setGlobalDispatcher } from 'undici';

const trusted = new Set<string>();
const installed = new WeakSet<Agent>();

/** Adds a CA (PEM) to the certificates this process trusts, on top of the system roots. Idempotent. */
export function trustDevCa(caPem: string): void {
  const pem = caPem.trim();
  if (trusted.has(pem)) return;
  trusted.add(pem);
  const ca = [...rootCertificates, ...trusted];

  const previous = getGlobalDispatcher();
  const agent = new Agent({ connect: { ca } });
  setGlobalDispatcher(agent);
  installed.add(agent);
  // Close the dispatcher this helper installed before (in-flight requests finish first); leave others alone.
  if (previous instanceof Agent && installed.has(previous)) void previous.close();

  globalThis.fetch = undiciFetch as unknown as typeof fetch;
  https.globalAgent.options.ca = ca;
}
