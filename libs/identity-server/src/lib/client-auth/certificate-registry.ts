/**
 * The certificates registered on client apps, indexed by thumbprint so a client assertion's `x5t` (SHA-1) or
 * `x5t#S256` (SHA-256) header finds the key that must verify it.
 */
import { readFile } from 'node:fs/promises';
import { X509Certificate, type KeyObject } from 'node:crypto';
import { ensureClientCertificate, type GeneratedClientCertificate } from '../certificates/client-certificates';
import { thumbprintsOfDer, type CertificateThumbprints } from '../certificates/thumbprints';
import { RegistrationsError } from '../registrations/parse-registrations';
import type { Registrations } from '../registrations/registrations.schema';

/** A certificate credential of one client app. */
export interface RegisteredCertificate {
  readonly clientAppId: string;
  readonly thumbprints: CertificateThumbprints;
  readonly publicKey: KeyObject;
  readonly notAfter: Date;
}

/** Thumbprint lookup over every client certificate. */
export class ClientCertificateRegistry {
  private constructor(
    private readonly certificates: readonly RegisteredCertificate[],
    /** Generated certificates by name. */
    readonly generated: ReadonlyMap<string, GeneratedClientCertificate>,
  ) {}

  /**
   * Loads every certificate credential, generating the `generated` ones under `<dataDir>/clients/`.
   * @throws RegistrationsError naming the credential whose PEM cannot be read or parsed.
   */
  static async build(
    registrations: Registrations,
    dataDir: string,
    source: string,
  ): Promise<ClientCertificateRegistry> {
    const certificates: RegisteredCertificate[] = [];
    const generated = new Map<string, GeneratedClientCertificate>();
    for (const [i, client] of registrations.clients.entries()) {
      for (const [j, ref] of client.certificates.entries()) {
        const field = `clients[${i}].certificates[${j}]`;
        let pem: string;
        if (ref.generated !== undefined) {
          const created = await ensureClientCertificate(dataDir, ref.generated);
          generated.set(created.name, created);
          pem = created.certPem;
        } else if (ref.pemFile !== undefined) {
          pem = await readFile(ref.pemFile, 'utf8').catch((error: Error) => {
            throw new RegistrationsError(source, [
              { path: `${field}.pemFile`, message: `Cannot read ${ref.pemFile}: ${error.message}` },
            ]);
          });
        } else {
          pem = ref.pem ?? '';
        }
        let certificate: X509Certificate;
        try {
          certificate = new X509Certificate(pem);
        } catch {
          throw new RegistrationsError(source, [{ path: field, message: 'Not a readable PEM certificate' }]);
        }
        certificates.push({
          clientAppId: client.appId.toLowerCase(),
          thumbprints: thumbprintsOfDer(certificate.raw),
          publicKey: certificate.publicKey,
          notAfter: new Date(certificate.validTo),
        });
      }
    }
    return new ClientCertificateRegistry(certificates, generated);
  }

  /** Finds the client's certificate named by an assertion header: `x5t#S256` first, then `x5t`. */
  find(clientAppId: string, header: { x5t?: unknown; 'x5t#S256'?: unknown }): RegisteredCertificate | undefined {
    const id = clientAppId.toLowerCase();
    const own = this.certificates.filter((cert) => cert.clientAppId === id);
    const sha256 = header['x5t#S256'];
    const sha1 = header.x5t;
    return (
      (typeof sha256 === 'string' ? own.find((cert) => cert.thumbprints.x5tS256 === sha256) : undefined) ??
      (typeof sha1 === 'string' ? own.find((cert) => cert.thumbprints.x5t === sha1) : undefined)
    );
  }
}
