import { failure, run } from '../expression-spec-kit';

const key = 'Encoding.UTF8.GetBytes("0123456789abcdef")';
const iv = 'Encoding.UTF8.GetBytes("fedcba9876543210")';

describe("APIM's byte[].Encrypt / Decrypt", () => {
  it('encrypts with AES-CBC and PKCS7 as .NET does, and decrypts back', () => {
    // AES-128-CBC of "hello" with this key and IV, PKCS7-padded to one block.
    expect(run(`@(Convert.ToBase64String(Encoding.UTF8.GetBytes("hello").Encrypt("Aes", ${key}, ${iv})))`)).toBe(
      'e+3OsGVfOJQQaXifNkYgkQ==',
    );
    expect(
      run(
        `@(Encoding.UTF8.GetString(Convert.FromBase64String("e+3OsGVfOJQQaXifNkYgkQ==").Decrypt("Aes", ${key}, ${iv})))`,
      ),
    ).toBe('hello');
    expect(
      run(
        `@(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes("triple").Encrypt("TripleDES", Encoding.UTF8.GetBytes("0123456789abcdefghijklmn"), Encoding.UTF8.GetBytes("8bytesIV")).Decrypt("TripleDES", Encoding.UTF8.GetBytes("0123456789abcdefghijklmn"), Encoding.UTF8.GetBytes("8bytesIV"))))`,
      ),
    ).toBe('triple');
  });

  it('keeps byte[] collection members alongside', () => {
    expect(run(`@(Encoding.UTF8.GetBytes("hello").Encrypt("Aes", ${key}, ${iv}).Length)`)).toBe(16);
  });

  it('refuses bad keys, IVs, algorithms and padding as CryptographicException', () => {
    expect(failure(`@(new byte[] { 1 }.Encrypt("Aes", new byte[5], ${iv}))`)).toContain('not a valid size');
    expect(failure(`@(new byte[] { 1 }.Encrypt("Aes", ${key}, new byte[4]))`)).toContain('initialization vector');
    expect(failure(`@(new byte[] { 1 }.Encrypt("RC2", ${key}, ${iv}))`)).toContain('CryptographicException');
    expect(failure(`@(new byte[16].Decrypt("Aes", ${key}, ${iv}))`)).toContain('Padding is invalid');
  });
});
