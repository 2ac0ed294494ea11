import { Readable } from 'node:stream';
import { bytesIfSmall } from './read-body';

async function text(body: Buffer | Readable | undefined): Promise<string> {
  if (body === undefined) return '';
  if (Buffer.isBuffer(body)) return body.toString();
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString();
}

describe('bytesIfSmall (what cache-store may keep)', () => {
  it('gives the bytes of a small stream', async () => {
    const read = await bytesIfSmall(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 10);
    expect(Buffer.isBuffer(read) && read.toString()).toBe('abcd');
  });

  it('gives back a stream with every byte when the body is over the bound', async () => {
    const parts = ['0123', '4567', '89ab', 'cdef'].map((part) => Buffer.from(part));
    const read = await bytesIfSmall(Readable.from(parts), 6);
    expect(read).toBeInstanceOf(Readable);
    expect(await text(read)).toBe('0123456789abcdef');
  });

  it('passes text and buffers through, and a large one as a stream', async () => {
    expect(await text(await bytesIfSmall('hello', 10))).toBe('hello');
    expect(await bytesIfSmall(undefined)).toBeUndefined();
    const large = await bytesIfSmall('x'.repeat(20), 10);
    expect(large).toBeInstanceOf(Readable);
    expect(await text(large)).toBe('x'.repeat(20));
  });
});
