/**
 * @peculiar/x509 with Node's WebCrypto as its provider. Import `x509` from here, never from the package directly,
 * so the provider is always set before the first certificate is generated.
 */
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };

/** The WebCrypto implementation the generated keys belong to. */
export const subtle = webcrypto.subtle;
