import { PolicyTestHost } from '../../testing/policy-test-host';

const policy = (url: string) => `<policies>
<inbound>
<validate-jwt header-name="Authorization">
  <openid-config url="${url}" />
</validate-jwt>
</inbound>
</policies>`;

/** A copied placeholder or a broken URL fails when the policy loads, not at the first request. */
describe('validate-jwt openid-config url at load time', () => {
  it.each([
    [
      'https://&lt;tenant-name&gt;.ciamlogin.com/&lt;tenant-id&gt;/v2.0/.well-known/openid-configuration',
      'holds the placeholder "<tenant-name>"',
    ],
    [
      'https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration',
      'holds the placeholder "{tenant}"',
    ],
    ['login.microsoftonline.com/common/v2.0/.well-known/openid-configuration', 'must be an absolute http(s) URL'],
  ])('refuses %s', (url, problem) => {
    expect(() => new PolicyTestHost({ policies: { api: policy(url) } })).toThrow(
      new RegExp(`^policies/apis/api\\.xml:4 <openid-config> attribute "url": ${problem.replace(/[()]/g, '\\$&')}`),
    );
  });

  it('loads a real Entra URL, and one from a named value', () => {
    const url = 'https://login.microsoftonline.com/{{tenant}}/v2.0/.well-known/openid-configuration';
    expect(
      () => new PolicyTestHost({ policies: { api: policy(url) }, namedValues: { tenant: 'contoso.onmicrosoft.com' } }),
    ).not.toThrow();
  });
});
