import type { IncomingMessage } from 'node:http';
import { readRequestToken } from './request-token';

const source = { headerName: 'Authorization', requireScheme: 'Bearer' };

describe('readRequestToken', () => {
  it('reads the bearer token of an Express-style request', () => {
    expect(readRequestToken({ headers: { authorization: 'Bearer abc' } }, source)).toEqual({ token: 'abc' });
  });

  it('sees repeated Authorization headers through headersDistinct (Express) or raw (Fastify)', () => {
    const headersDistinct = { authorization: ['Bearer a', 'Bearer b'] };
    const express = { headers: { authorization: 'Bearer a' }, headersDistinct };
    const fastify = {
      headers: { authorization: 'Bearer a' },
      raw: { headersDistinct } as unknown as IncomingMessage,
    };
    for (const request of [express, fastify]) {
      expect(readRequestToken(request, source)).toMatchObject({
        reasons: [{ code: 'ERR_REQUEST_MALFORMED' }],
      });
    }
  });

  it('refuses a token in both the header and a configured query parameter', () => {
    const result = readRequestToken(
      { headers: { authorization: 'Bearer a' }, query: { access_token: 'b' } },
      { ...source, queryParameterName: 'access_token' },
    );
    expect(result).toMatchObject({
      reasons: [{ code: 'ERR_REQUEST_MALFORMED' }],
    });
  });

  it('turns an object-valued query parameter into a malformed request, not a crash', () => {
    const result = readRequestToken(
      { headers: {}, query: { access_token: { a: 'b' } } },
      { queryParameterName: 'access_token' },
    );
    expect(result).toMatchObject({
      reasons: [{ code: 'ERR_REQUEST_MALFORMED' }],
    });
  });

  it('reports a missing token', () => {
    expect(readRequestToken({ headers: {} }, source)).toMatchObject({
      reasons: [{ code: 'ERR_TOKEN_MISSING' }],
    });
  });
});
