import { createHash } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { LRUCache } from 'lru-cache';
import { Agent } from 'undici';
import type { BackendClientCertificate } from '@stack/apim-policy';
import { BackendFailure } from './backend-failure';

/** Distinct client certificates whose connection pools are kept; the least recently used pool is closed beyond. */
const MAX_CERTIFICATE_POOLS = 32;

/**
 * One undici Agent per client certificate (authentication-certificate): the certificate is presented in the TLS
 * handshake, and connections made with one certificate are never reused for a request that chose another.
 */
export class ClientCertificateAgents {
  private readonly agents: LRUCache<string, Agent>;

  constructor(private readonly agentOptions: Agent.Options & { connect: Record<string, unknown> }) {
    this.agents = new LRUCache<string, Agent>({
      max: MAX_CERTIFICATE_POOLS,
      dispose: (agent) => void agent.close().catch(() => undefined),
    });
  }

  /**
   * The pool for `certificate`. A PFX that does not load (not PKCS#12, wrong password) fails this request with 502
   * and a message saying so; the password never appears in it.
   */
  agentFor(certificate: BackendClientCertificate): Agent {
    const key = createHash('sha256')
      .update(certificate.pfx)
      .update('\0')
      .update(certificate.passphrase ?? '')
      .digest('base64url');
    const pooled = this.agents.get(key);
    if (pooled) return pooled;
    let secureContext;
    try {
      // tls.connect ignores `ca` once it has a secureContext: the backend CAs trusted otherwise go in here too.
      const ca = this.agentOptions.connect['ca'] as string[] | undefined;
      secureContext = createSecureContext({ pfx: certificate.pfx, passphrase: certificate.passphrase, ca });
    } catch (error) {
      throw new BackendFailure(
        502,
        'BackendConnectionFailure',
        'Bad gateway: the client certificate of authentication-certificate could not be loaded (a PKCS#12/PFX with its password is expected).',
        error,
      );
    }
    const agent = new Agent({ ...this.agentOptions, connect: { ...this.agentOptions.connect, secureContext } });
    this.agents.set(key, agent);
    return agent;
  }

  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }
}
