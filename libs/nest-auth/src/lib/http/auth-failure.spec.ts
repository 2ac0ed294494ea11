import { createPolicy, deny, type Reason } from '@stack/claim-policy';
import { renderAuthFailure, type DeniedDecision } from './auth-failure';

function denied(reasons: Reason[]): DeniedDecision {
  const decision = deny(createPolicy(), reasons);
  if (decision.allowed) throw new Error('unexpected allow');
  return decision;
}

describe('renderAuthFailure', () => {
  it('renders a missing token as 401 with a bare Bearer challenge', () => {
    const response = renderAuthFailure(
      { kind: 'denied', decision: denied([{ code: 'ERR_TOKEN_MISSING' }]) },
      { exposeReasons: true },
    );
    expect(response.status).toBe(401);
    expect(response.headers['WWW-Authenticate']).toBe('Bearer');
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'A valid bearer access token is required.',
      reasons: [{ code: 'ERR_TOKEN_MISSING' }],
    });
  });

  it('renders invalid_request, invalid_token and insufficient_scope', () => {
    const cases: [Reason, number, string][] = [
      [{ code: 'ERR_REQUEST_MALFORMED' }, 400, 'invalid_request'],
      [{ code: 'ERR_SIGNATURE_INVALID' }, 401, 'invalid_token'],
      [{ code: 'ERR_CLAIM_MISSING', claim: 'roles', missing: ['Echo.Read'] }, 403, 'insufficient_scope'],
    ];
    for (const [reason, status, error] of cases) {
      const response = renderAuthFailure({ kind: 'denied', decision: denied([reason]) }, { exposeReasons: false });
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ statusCode: status, error });
      expect(response.body.reasons).toBeUndefined();
      expect(response.headers['WWW-Authenticate']).toContain(`error="${error}"`);
    }
  });

  it('renders an unreachable identity provider as 503 with Retry-After', () => {
    const response = renderAuthFailure(
      { kind: 'unavailable', retryAfterSeconds: 42, detail: 'ECONNREFUSED' },
      { exposeReasons: true },
    );
    expect(response.status).toBe(503);
    expect(response.headers['Retry-After']).toBe('42');
    expect(response.headers['WWW-Authenticate']).toBeUndefined();
    expect(response.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      reasons: [{ code: 'ERR_IDP_UNAVAILABLE' }],
    });
    expect(response.body.message).toContain('42 s');
  });
});
