import { ServiceUrls, TENANT_ID_TEMPLATE } from './service-urls';

const local = new ServiceUrls('https://localhost:5443', 'local');
const microsoft = new ServiceUrls('https://localhost:5443', 'microsoft');

it('builds local issuers (v1 with trailing slash) and the multi-tenant template', () => {
  expect(local.issuer('2.0', 'tid')).toBe('https://localhost:5443/tid/v2.0');
  expect(local.issuer('1.0', 'tid')).toBe('https://localhost:5443/tid/');
  expect(local.issuer('2.0', TENANT_ID_TEMPLATE)).toBe('https://localhost:5443/{tenantid}/v2.0');
});

it('uses Microsoft’s literal issuers in microsoft mode, endpoints staying local', () => {
  expect(microsoft.issuer('2.0', 'tid')).toBe('https://login.microsoftonline.com/tid/v2.0');
  expect(microsoft.issuer('1.0', 'tid')).toBe('https://sts.windows.net/tid/');
  expect(microsoft.tokenEndpoint('tid', 'v2')).toBe('https://localhost:5443/tid/oauth2/v2.0/token');
});

it('accepts token endpoints by id or domain as assertion audience', () => {
  expect(local.assertionAudiences('tid', 'stack.local')).toEqual([
    'https://localhost:5443/tid/oauth2/v2.0/token',
    'https://localhost:5443/tid/oauth2/token',
    'https://localhost:5443/stack.local/oauth2/v2.0/token',
    'https://localhost:5443/stack.local/oauth2/token',
    'https://localhost:5443/tid/v2.0',
  ]);
  expect(microsoft.assertionAudiences('tid', 'stack.local')).toContain(
    'https://login.microsoftonline.com/tid/oauth2/v2.0/token',
  );
});
