import { defaultRegistrations } from './default-registrations';

it('names the default registrations’ ids by role', () => {
  const { apis, clients } = defaultRegistrations;
  expect(apis.apiProxy).toMatchObject({
    appIdUri: `api://${apis.apiProxy.appId}`,
    scope: `api://${apis.apiProxy.appId}/.default`,
    roles: ['Echo.Read', 'Echo.Write', 'Gateway.Relay'],
    tokenVersion: '2.0',
  });
  expect(apis.legacyApi.tokenVersion).toBe('1.0');
  expect(clients.apiClient.secret).toEqual(expect.any(String));
  expect(clients.certificateClient).toMatchObject({ secret: undefined, certificateName: 'ago-certclient-oauth-app' });
  expect(defaultRegistrations.tenantDomain).toBe('stack.local');
});
