/**
 * Algorithm attacks (RFC 8725 §2.1, security.md §1.2 A1–A6): `alg: none` in its spellings, stripped signatures,
 * HMAC keyed with the RSA public key in every encoding (CVE-2016-10555), blank secrets, the psychic ECDSA
 * signature (CVE-2022-21449), and every algorithm but RS256 with a kid the target publishes.
 */
import type { KeyObject } from 'node:crypto';
import type { AttackCase, AttackContext } from '../model';
import { jws, segment } from '../tokens/jws';
import { invalidToken } from './expect';
import { bearer, forged, header, needsTrustedKey, realKid, trustedOrForged, validClaims } from './forge';

const unsigned = (context: AttackContext, alg: unknown, signatureText = '') =>
  `${segment(header(context, { alg }))}.${segment(validClaims(context))}.${signatureText}`;

const NONE_SPELLINGS = ['none', 'None', 'NONE', 'nOnE', 'none ', ' none', 'NoNe\u0000'];

const noneCases: AttackCase[] = NONE_SPELLINGS.map((alg, index) => ({
  id: `alg-none-${index + 1}`,
  family: 'alg',
  description: `alg ${JSON.stringify(alg)}, empty signature`,
  build: (context) => ({ authorization: bearer(unsigned(context, alg)) }),
  expect: invalidToken(),
}));

const otherNoneCases: AttackCase[] = [
  {
    id: 'alg-none-with-signature',
    family: 'alg',
    description: 'alg none with an RS256 signature of the attacker kept',
    build: (context) => {
      const signed = forged(context).split('.')[2];
      return { authorization: bearer(unsigned(context, 'none', signed)) };
    },
    expect: invalidToken(),
  },
  {
    id: 'alg-missing',
    family: 'alg',
    description: 'no alg member at all, attacker signature',
    build: (context) => ({ authorization: bearer(forged(context, { alg: undefined })) }),
    expect: invalidToken(),
  },
  {
    id: 'alg-not-a-string',
    family: 'alg',
    description: 'alg ["RS256"] (an array), attacker signature',
    build: (context) => ({
      authorization: bearer(
        jws({
          header: header(context, { alg: ['RS256'] }),
          payload: validClaims(context),
          key: context.attacker.rsa.privateKey,
          signAs: 'RS256',
        }),
      ),
    }),
    expect: invalidToken(),
  },
  {
    id: 'alg-rs256-lowercase',
    family: 'alg',
    description: 'alg "rs256" (alg is case-sensitive), signed by the trusted key when known',
    build: (context) => ({ authorization: bearer(trustedOrForged(context, validClaims(context), { alg: 'rs256' })) }),
    expect: invalidToken(),
  },
  {
    id: 'signature-stripped',
    family: 'alg',
    description: 'RS256 token of the trusted key (or attacker) with its signature removed: "header.payload."',
    build: (context) => {
      const [h, p] = trustedOrForged(context).split('.');
      return { authorization: bearer(`${h}.${p}.`) };
    },
    expect: invalidToken(),
  },
  {
    id: 'signature-of-other-token',
    family: 'alg',
    description: 'the signature of one trusted token pasted onto other claims',
    skip: needsTrustedKey,
    build: (context) => {
      const donor = trustedOrForged(context).split('.')[2];
      const [h, p] = trustedOrForged(
        context,
        validClaims(context, { roles: ['Echo.Read', 'Echo.Write', 'Admin'] }),
      ).split('.');
      return { authorization: bearer(`${h}.${p}.${donor}`) };
    },
    expect: invalidToken(),
  },
];

/** The public key bytes an attacker may try as an HMAC secret. */
const PUBLIC_KEY_FORMS: ReadonlyArray<[string, (key: KeyObject) => Uint8Array]> = [
  ['SPKI PEM', (key) => Buffer.from(key.export({ type: 'spki', format: 'pem' }) as string)],
  ['PKCS#1 PEM', (key) => Buffer.from(key.export({ type: 'pkcs1', format: 'pem' }) as string)],
  ['SPKI DER', (key) => key.export({ type: 'spki', format: 'der' })],
  ['PKCS#1 DER', (key) => key.export({ type: 'pkcs1', format: 'der' })],
  ['JWK JSON', (key) => Buffer.from(JSON.stringify(key.export({ format: 'jwk' })))],
  ['modulus n bytes', (key) => Buffer.from(String(key.export({ format: 'jwk' }).n), 'base64url')],
];

const needsPublicKey = (context: AttackContext) =>
  context.targetPublicKey ? undefined : 'needs the target public key (--identity-data, --signing-key or --jwks-uri)';

const hmacWithPublicKey: AttackCase[] = ['HS256', 'HS384', 'HS512'].flatMap((alg) =>
  PUBLIC_KEY_FORMS.map(
    ([form, bytes]): AttackCase => ({
      id: `hmac-public-key-${alg.toLowerCase()}-${form.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      family: 'alg',
      description: `${alg} keyed with the target public key (${form}), real kid`,
      skip: needsPublicKey,
      build: (context) => {
        const publicKey = context.targetPublicKey;
        if (!publicKey) throw new Error('no public key');
        const token = jws({
          header: header(context, { alg, kid: publicKey.kid }),
          payload: validClaims(context),
          key: bytes(publicKey.key),
        });
        return { authorization: bearer(token) };
      },
      expect: invalidToken(),
    }),
  ),
);

const blankSecret: AttackCase[] = ['HS256', 'HS384', 'HS512'].map((alg) => ({
  id: `hmac-blank-secret-${alg.toLowerCase()}`,
  family: 'alg',
  description: `${alg} with an empty secret, real kid`,
  build: (context) => ({
    authorization: bearer(
      jws({ header: header(context, { alg }), payload: validClaims(context), key: new Uint8Array() }),
    ),
  }),
  expect: invalidToken(),
}));

const psychic: AttackCase[] = [
  ['ES256', 64, 'zero r and s (IEEE P1363)'],
  ['ES384', 96, 'zero r and s (IEEE P1363)'],
  ['ES512', 132, 'zero r and s (IEEE P1363)'],
].map(([alg, size, what]) => ({
  id: `psychic-${String(alg).toLowerCase()}`,
  family: 'alg' as const,
  description: `${alg} with ${what}, real kid (CVE-2022-21449)`,
  build: (context: AttackContext) => ({
    authorization: bearer(unsigned(context, alg, Buffer.alloc(Number(size)).toString('base64url'))),
  }),
  expect: invalidToken(),
}));
psychic.push({
  id: 'psychic-es256-der',
  family: 'alg',
  description: 'ES256 with the DER signature r=0 s=0 (MAYCAQACAQA), real kid',
  build: (context) => ({ authorization: bearer(unsigned(context, 'ES256', 'MAYCAQACAQA')) }),
  expect: invalidToken(),
});

/** Every registered JWS algorithm but RS256, signed with a key of the right type and a kid the target publishes. */
const otherAlgorithms: AttackCase[] = [
  ['RS384', 'rsa'],
  ['RS512', 'rsa'],
  ['PS256', 'rsa'],
  ['PS384', 'rsa'],
  ['PS512', 'rsa'],
  ['ES256', 'ec256'],
  ['ES384', 'ec384'],
  ['ES512', 'ec521'],
  ['EdDSA', 'ed25519'],
  ['HS256', 'secret'],
  ['ES256K', 'ec256'],
  ['RSA-OAEP', 'rsa'],
].map(([alg, keyType]) => ({
  id: `alg-${alg.toLowerCase()}-real-kid`,
  family: 'alg' as const,
  description: `${alg} with a real kid, signed by ${keyType === 'rsa' ? 'the trusted key when known (else the attacker)' : `an attacker ${keyType} key`}`,
  build: (context: AttackContext) => {
    const key =
      keyType === 'rsa'
        ? (context.trustedKey?.privateKey ?? context.attacker.rsa.privateKey)
        : keyType === 'secret'
          ? Buffer.from('attacker-chosen-secret-attacker-chosen-secret')
          : context.attacker[keyType as 'ec256' | 'ec384' | 'ec521' | 'ed25519'];
    const signAs = alg === 'ES256K' ? 'ES256' : alg === 'RSA-OAEP' ? 'RS256' : alg;
    return {
      authorization: bearer(
        jws({ header: header(context, { alg, kid: realKid(context) }), payload: validClaims(context), key, signAs }),
      ),
    };
  },
  expect: invalidToken(),
}));

export const algorithmCases: readonly AttackCase[] = [
  ...noneCases,
  ...otherNoneCases,
  ...hmacWithPublicKey,
  ...blankSecret,
  ...psychic,
  ...otherAlgorithms,
];
