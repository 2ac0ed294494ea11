import { createHash, X509Certificate } from 'node:crypto';
import { createSelfSignedRsaCertificate } from './generate';
import { certificateThumbprints } from './thumbprints';

it('computes the Azure portal hex and the JOSE base64url thumbprints of one certificate', async () => {
  const { certPem } = await createSelfSignedRsaCertificate('thumbprint test', 1);
  const der = new X509Certificate(certPem).raw;
  const thumbprints = certificateThumbprints(certPem);
  expect(thumbprints.sha1Hex).toBe(new X509Certificate(certPem).fingerprint.replace(/:/g, ''));
  expect(thumbprints.sha256Hex).toBe(new X509Certificate(certPem).fingerprint256.replace(/:/g, ''));
  expect(thumbprints.x5t).toBe(createHash('sha1').update(der).digest('base64url'));
  expect(Buffer.from(thumbprints.x5tS256, 'base64url').toString('hex').toUpperCase()).toBe(thumbprints.sha256Hex);
});
