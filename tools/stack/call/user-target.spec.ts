import { defaultRegistrations } from '@stack/testing';
import { CallUsageError } from './call-options';
import { resolveUserSignIn } from './user-target';
import { readRegistrations } from './worker-defaults';

const registrations = readRegistrations({});
const authority = `https://localhost:5443/${defaultRegistrations.tenantId}`;
const scope = `${defaultRegistrations.apis.apiProxy.appIdUri}/.default`;

describe('resolveUserSignIn', () => {
  it("signs a configured user in through the portal's SPA client and its first redirect URI", () => {
    expect(resolveUserSignIn(registrations, 'ADELE@stack.local', authority, scope)).toEqual({
      request: {
        authority,
        client: {
          platform: 'spa',
          appId: '272a7756-b7b0-4d47-9fbc-a620fd89c7aa',
          redirectUri: 'http://localhost:8080/docs/oauth2-redirect.html',
        },
        scope,
        user: { objectId: '94642285-d159-4d96-bac8-92ba0d8aaac5', userPrincipalName: 'adele@stack.local' },
      },
      userLabel: 'Adele Vance (adele@stack.local)',
      clientLabel: 'ago-devportal-spa-app',
    });
  });

  it('an unknown user: a usage error listing the configured ones', () => {
    expect(() => resolveUserSignIn(registrations, 'bob@stack.local', authority, scope)).toThrow(
      new CallUsageError(
        'No dev user "bob@stack.local" in the registrations (users of config/identity/registrations.json). ' +
          'Configured users: adele@stack.local (Adele Vance), megan@stack.local (Megan Bowen).',
      ),
    );
  });

  it('dev users live only in the local identity service: a real Entra authority is refused', () => {
    expect(() =>
      resolveUserSignIn(registrations, 'adele@stack.local', 'https://login.microsoftonline.com/t', scope),
    ).toThrow(/Unset WORKER_AUTHORITY/);
  });

  it('registrations without the portal client say which client --user needs', () => {
    const withoutPortal = {
      ...registrations,
      clients: registrations.clients.filter((c) => c.displayName !== 'ago-devportal-spa-app'),
    };
    expect(() => resolveUserSignIn(withoutPortal, 'adele@stack.local', authority, scope)).toThrow(
      /--user needs the client ago-devportal-spa-app with a SPA redirect URI/,
    );
  });
});
