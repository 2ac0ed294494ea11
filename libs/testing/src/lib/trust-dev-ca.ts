/**
 * Makes this process trust the identity service's development CA, in-process: Node's global `fetch` (which
 * msal-node uses) through undici's global dispatcher, and `node:https`'s global agent (used by jwks-rsa and other
 * https.request clients). Child processes get the same through `NODE_EXTRA_CA_CERTS=<caCertPath>` instead.
 */
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';

const trusted = new Set<string>();
let ownDispatcher: Agent | undefined;

/** Adds a CA (PEM) to the certificates this process trusts, on top of the system roots. Idempotent. */
export function trustDevCa(caPem: string): void {
  const pem = caPem.trim();
  if (trusted.has(pem)) return;
  trusted.add(pem);
  const ca = [...rootCertificates, ...trusted];

  const previous = getGlobalDispatcher();
  ownDispatcher = new Agent({ connect: { ca } });
  setGlobalDispatcher(ownDispatcher);
  // Close the dispatcher this helper installed before (in-flight requests finish first); leave others alone.
  if (previous instanceof Agent && previous !== ownDispatcher && installed.has(previous)) void previous.close();
  installed.add(ownDispatcher);

  https.globalAgent.options.ca = ca;
}

const installed = new WeakSet<Agent>();
