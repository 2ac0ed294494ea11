import { createHash } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { LRUCache } from 'lru-cache';
import { Agent } from 'undici';

/** A client certificate to present to a server: PKCS#12/PFX bytes and its password. */
export interface ClientCertificate {
  readonly pfx: Buffer;
  readonly passphrase?: string;
}

/**
 * A client certificate that does not load (not PKCS#12, wrong password). The message never holds the password; each
 * caller turns it into its own failure (the forwarder's 502, a policy call's BackendConnectionFailure).
 */
export class ClientCertificateError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the client certificate could not be loaded (a PKCS#12/PFX with its password is expected)', options);
    this.name = 'ClientCertificateError';
  }
}

/** Distinct client certificates whose connection pools are kept; the least recently used pool is closed beyond. */
const MAX_CERTIFICATE_POOLS = 32;

/** Options of every pool: undici's, with `connect` as an object (its `ca` is trusted with each certificate too). */
export type ClientCertificateAgentOptions = Agent.Options & { connect: Record<string, unknown> };

/**
 * One undici Agent per client certificate (authentication-certificate): the certificate is presented in the TLS
 * handshake, and connections made with one certificate are never reused for a request that chose another.
 */
export class ClientCertificateAgents {
  private readonly agents: LRUCache<string, Agent>;

  constructor(private readonly agentOptions: ClientCertificateAgentOptions) {
    this.agents = new LRUCache<string, Agent>({
      max: MAX_CERTIFICATE_POOLS,
      dispose: (agent) => void agent.close().catch(() => undefined),
    });
  }

  /**
   * The pool for `certificate`.
   *
   * @throws {ClientCertificateError} when the PFX does not load.
   */
  agentFor(certificate: ClientCertificate): Agent {
    const key = createHash('sha256')
      .update(certificate.pfx)
      .update('\0')
      .update(certificate.passphrase ?? '')
      .digest('base64url');
    const pooled = this.agents.get(key);
    if (pooled) return pooled;
    let secureContext;
    try {
      // tls.connect ignores `ca` once it has a secureContext: the CAs trusted otherwise go in here too.
      const ca = this.agentOptions.connect['ca'] as string[] | undefined;
      secureContext = createSecureContext({ pfx: certificate.pfx, passphrase: certificate.passphrase, ca });
    } catch (error) {
      throw new ClientCertificateError({ cause: error });
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
