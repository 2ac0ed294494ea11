/**
 * Keys of the attacker: fresh for every run, published nowhere. The RSA key comes with a self-signed certificate for
 * the `x5c` attack (generated with @peculiar/x509 on Node's WebCrypto).
 */
import 'reflect-metadata'; // @peculiar/x509 resolves its algorithms through tsyringe
import { createHash, generateKeyPairSync, KeyObject, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { AttackerKeys } from '../model';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const RSA: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

export async function createAttackerKeys(): Promise<AttackerKeys> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=security-suite attacker',
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 86_400_000),
    signingAlgorithm: RSA,
    keys,
  });
  const privateKey = KeyObject.from(keys.privateKey);
  const publicKey = KeyObject.from(keys.publicKey);
  const der = Buffer.from(certificate.rawData);
  return {
    rsa: { privateKey, publicKey, kid: createHash('sha1').update(der).digest('base64url') },
    ec256: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
    ec384: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey,
    ec521: generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey,
    ed25519: generateKeyPairSync('ed25519').privateKey,
    rsaCertificate: der.toString('base64'),
  };
}
