import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClientCertificate, type GeneratedClientCertificate } from '@stack/identity-server';
import { certificateCredentialFromPem, readCertificateCredential } from './credentials';
import { TokenProviderOptionsError } from './errors';

describe('readCertificateCredential', () => {
  let dir: string;
  let certificate: GeneratedClientCertificate;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-cache-credentials-'));
    certificate = await ensureClientCertificate(dir, 'test-client');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads the certificate's SHA-256 thumbprint (hex) and a PKCS#8 private key", async () => {
    const credential = await readCertificateCredential(certificate.certPath, certificate.keyPath);
    const der = new X509Certificate(certificate.certPem).raw;
    expect(credential.thumbprintSha256).toBe(createHash('sha256').update(der).digest('hex'));
    expect(credential.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('reads certificate and key from one PEM file', async () => {
    const combined = join(dir, 'combined.pem');
    await writeFile(combined, certificate.certPem + certificate.privateKeyPem);
    const credential = await readCertificateCredential(combined);
    expect(credential.thumbprintSha256).toHaveLength(64);
  });

  it('names the file it cannot read', async () => {
    await expect(readCertificateCredential(join(dir, 'missing.pem'))).rejects.toThrow(
      /Cannot read the certificate file .*missing\.pem: ENOENT/,
    );
  });

  it('refuses a key that does not belong to the certificate', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => certificateCredentialFromPem(certificate.certPem, other)).toThrow(TokenProviderOptionsError);
    expect(() => certificateCredentialFromPem(certificate.certPem, other)).toThrow(
      /does not belong to the certificate/,
    );
  });

  it('asks to decrypt an encrypted key, and says when PEM blocks are missing', () => {
    expect(() =>
      certificateCredentialFromPem(certificate.certPem, '-----BEGIN ENCRYPTED PRIVATE KEY-----\n...'),
    ).toThrow(/decrypt it first/);
    expect(() => certificateCredentialFromPem('no pem here', certificate.privateKeyPem)).toThrow(/No PEM certificate/);
    expect(() => certificateCredentialFromPem(certificate.certPem, 'no key')).toThrow(/No PEM private key/);
  });
});
