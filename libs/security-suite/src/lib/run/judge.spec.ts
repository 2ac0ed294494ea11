import { judge } from './judge';
import { bearerChallenge } from './challenge';
import { INVALID_KEY_MESSAGE } from '../catalogue/expect';

const answer = (status: number, headers: Record<string, string> = {}, body = '') => ({ status, headers, body });

describe('judge', () => {
  it('matches the Bearer challenge error exactly, or its absence', () => {
    const invalidToken = [{ type: 'bearer', status: 401, error: 'invalid_token' }] as const;
    const none = [{ type: 'bearer', status: 401, error: 'none' }] as const;
    expect(judge(answer(401, { 'www-authenticate': 'Bearer error="invalid_token"' }), invalidToken).verdict).toBe(
      'pass',
    );
    expect(judge(answer(401, { 'www-authenticate': 'Bearer realm="api"' }), none).verdict).toBe('pass');
    expect(judge(answer(401, { 'www-authenticate': 'Bearer error="invalid_token"' }), none).verdict).toBe('fail');
    expect(judge(answer(401), invalidToken).verdict).toBe('fail');
    expect(judge(answer(400, { 'www-authenticate': 'Bearer error="invalid_request"' }), invalidToken).verdict).toBe(
      'fail',
    );
  });

  it('refuses a challenge that repeats a parameter (RFC 6750 §3)', () => {
    const outcome = [{ type: 'bearer', status: 401, error: 'invalid_token' }] as const;
    const header = 'Bearer error="invalid_token", error="invalid_token"';
    expect(judge(answer(401, { 'www-authenticate': header }), outcome).verdict).toBe('fail');
  });

  it('calls any 2xx accepted and any 5xx a server error, whatever was expected', () => {
    const outcome = [{ type: 'status', status: 400, why: 'parser' }] as const;
    expect(judge(answer(204), outcome).verdict).toBe('accepted');
    expect(judge(answer(503), outcome).verdict).toBe('server-error');
  });

  it('checks APIM bodies: statusCode, exact messages, and validate-jwt messages that are not subscription ones', () => {
    const exact = [{ type: 'apim', status: 401, message: { kind: 'exact', text: INVALID_KEY_MESSAGE } }] as const;
    const jwt = [{ type: 'apim', status: 401, message: { kind: 'jwt-invalid' } }] as const;
    const body = (message: string, statusCode = 401) => JSON.stringify({ statusCode, message });
    expect(judge(answer(401, {}, body(INVALID_KEY_MESSAGE)), exact).verdict).toBe('pass');
    expect(judge(answer(401, {}, body('Signature validation failed. Access denied.')), jwt).verdict).toBe('pass');
    expect(judge(answer(401, {}, body(INVALID_KEY_MESSAGE)), jwt).verdict).toBe('fail');
    expect(judge(answer(401, {}, body('x', 403)), jwt).verdict).toBe('fail');
    const configured = { apimFailureMessage: 'Unauthorized. Access token is missing or invalid.' };
    expect(judge(answer(401, {}, body('Signature validation failed.')), jwt, configured).verdict).toBe('fail');
  });
});

describe('bearerChallenge', () => {
  it('reads quoted and token parameters, case-insensitively', () => {
    expect(bearerChallenge('bearer realm="a, b", error=invalid_token, scope="x y"')?.params).toEqual({
      realm: 'a, b',
      error: 'invalid_token',
      scope: 'x y',
    });
    expect(bearerChallenge(['Basic realm="x"', 'Bearer'])?.params).toEqual({});
    expect(bearerChallenge('Basic realm="x"')).toBeUndefined();
  });
});
