import { AuthConfigError, loadAuthEnv } from './auth-env';

const tenant = '11111111-2222-3333-4444-555555555555';
const app = 'aaaaaaaa-0000-0000-0000-000000000001';
const minimal = {
  AUTH_TENANT_ID: tenant,
  AUTH_AUTHORITY_HOST: 'https://localhost:5443',
  AUTH_API_APP_ID: app,
};

describe('loadAuthEnv', () => {
  it('reads the minimal configuration with defaults', () => {
    expect(loadAuthEnv(minimal)).toEqual({
      tenantId: tenant,
      authorityHost: 'https://localhost:5443',
      apiAppId: app,
      appIdUris: [],
      v1IssuerHost: undefined,
      jwksUri: undefined,
      allowedClientIds: [],
      clockSkewSeconds: 0,
      maxTokenLifetimeSeconds: 86_400,
      tokenCacheMaxEntries: 10_000,
      keys: {
        cooldownMs: 30_000,
        refreshIntervalMs: 120_000,
        timeoutMs: 5_000,
      },
    });
  });

  it('reads lists and numbers', () => {
    const options = loadAuthEnv({
      ...minimal,
      AUTH_APP_ID_URIS: ` api://${app} , https://contoso.example/api ,`,
      AUTH_ALLOWED_CLIENT_IDS: 'cccccccc-0000-0000-0000-00000000000a',
      AUTH_KEY_COOLDOWN_SECONDS: '0',
      AUTH_CLOCK_SKEW_SECONDS: '30',
      AUTH_JWKS_URI: 'http://127.0.0.1:9999/t/discovery/v2.0/keys',
    });
    expect(options).toMatchObject({
      appIdUris: [`api://${app}`, 'https://contoso.example/api'],
      allowedClientIds: ['cccccccc-0000-0000-0000-00000000000a'],
      clockSkewSeconds: 30,
      jwksUri: 'http://127.0.0.1:9999/t/discovery/v2.0/keys',
      keys: { cooldownMs: 0 },
    });
  });

  it('lists every problem at once, naming each variable and what to set', () => {
    let error: unknown;
    try {
      loadAuthEnv({
        AUTH_TENANT_ID: 'contoso',
        AUTH_AUTHORITY_HOST: 'http://login.example.com',
        AUTH_KEY_COOLDOWN_SECONDS: '5m',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    const { problems, message } = error as AuthConfigError;
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH_TENANT_ID must be a GUID/),
      expect.stringMatching(/^AUTH_AUTHORITY_HOST must be an https:\/\/ URL/),
      expect.stringMatching(/^AUTH_API_APP_ID required: set it to the application \(client\) id/),
      expect.stringMatching(/^AUTH_KEY_COOLDOWN_SECONDS must be a whole number of seconds/),
    ]);
    expect(message).toContain('.env.example');
  });

  it('refuses client ids that are not GUIDs', () => {
    expect(() => loadAuthEnv({ ...minimal, AUTH_ALLOWED_CLIENT_IDS: 'my-client' })).toThrow(/AUTH_ALLOWED_CLIENT_IDS/);
  });

  describe('with a per-service prefix', () => {
    const reports = 'bbbbbbbb-0000-0000-0000-000000000002';
    const shared = { ...minimal, AUTH_APP_ID_URIS: `api://${app}`, AUTH_CLOCK_SKEW_SECONDS: '30' };

    it("reads the service's own API and falls back to the shared tenant, authority and knobs", () => {
      const options = loadAuthEnv(
        {
          ...shared,
          REPORTS_API_AUTH_API_APP_ID: reports,
          REPORTS_API_AUTH_APP_ID_URIS: `api://${reports}`,
          REPORTS_API_AUTH_KEY_COOLDOWN_SECONDS: '0',
        },
        { prefix: 'REPORTS_API_' },
      );
      expect(options).toMatchObject({
        tenantId: tenant,
        authorityHost: 'https://localhost:5443',
        apiAppId: reports,
        appIdUris: [`api://${reports}`],
        clockSkewSeconds: 30,
        keys: { cooldownMs: 0 },
      });
    });

    it('never takes the shared API ids: a token for another API must not get in', () => {
      let error: unknown;
      try {
        loadAuthEnv(shared, { prefix: 'REPORTS_API_' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AuthConfigError);
      const problems = (error as AuthConfigError).problems.join('\n');
      expect(problems).toMatch(/^REPORTS_API_AUTH_API_APP_ID required/m);
      expect(problems).toMatch(/^REPORTS_API_AUTH_APP_ID_URIS required/m);
      expect(problems).not.toMatch(/^AUTH_API_APP_ID/m);
    });

    it('names the variable a bad value came from', () => {
      expect(() =>
        loadAuthEnv(
          {
            ...shared,
            REPORTS_API_AUTH_API_APP_ID: reports,
            REPORTS_API_AUTH_APP_ID_URIS: `api://${reports}`,
            REPORTS_API_AUTH_CLOCK_SKEW_SECONDS: 'soon',
          },
          { prefix: 'REPORTS_API_' },
        ),
      ).toThrow(/REPORTS_API_AUTH_CLOCK_SKEW_SECONDS must be a whole number/);
    });
  });
});
