import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';

const policies = (inbound: string, outbound = '') =>
  `<policies><inbound>${inbound}</inbound><outbound>${outbound}</outbound></policies>`;

const TAG_REQUEST = `<fragment>
  <set-header name="X-Tagged" exists-action="override"><value>@(context.Api.Id)</value></set-header>
  <choose>
    <when condition='@(context.Request.Headers.ContainsKey("X-Stop"))'>
      <return-response><set-status code="418" reason="Stopped by fragment" /></return-response>
    </when>
  </choose>
</fragment>`;

describe('include-fragment', () => {
  it('runs the fragment statements in place, in the including section', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: policies('<include-fragment fragment-id="tag-request" /><set-variable name="after" value="yes" />'),
        fragments: { 'tag-request': TAG_REQUEST },
      },
    });
    const result = await host.send({ path: '/orders' });
    expect(result.forwarded?.headers['x-tagged']).toBe('api');
    expect(result.variables['after']).toBe('yes');
    expect(result.trace.map((entry) => [entry.policy, entry.file])).toEqual([
      ['include-fragment', 'policies/apis/api.xml'],
      ['set-header', 'fragments/tag-request.xml'],
      ['choose', 'fragments/tag-request.xml'],
      ['set-variable', 'policies/apis/api.xml'],
    ]);
    const stopped = await host.send({ path: '/orders', headers: { 'X-Stop': '1' } });
    expect(stopped.status).toBe(418);
    expect(stopped.forwarded).toBeUndefined();
    expect(stopped.variables['after']).toBeUndefined();
  });

  it('may include other fragments, in any section', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: policies('', '<include-fragment fragment-id="outer" />'),
        fragments: {
          outer: '<fragment><include-fragment fragment-id="inner" /></fragment>',
          inner:
            '<fragment><set-header name="X-Inner" exists-action="override"><value>1</value></set-header></fragment>',
        },
      },
    });
    expect((await host.send({ path: '/' })).headers['x-inner']).toBe('1');
  });

  it('reports errors inside a fragment with the fragment file and line', () => {
    const build = () =>
      new PolicyTestHost({
        policies: {
          api: policies('<include-fragment fragment-id="broken" />'),
          fragments: { broken: '<fragment>\n  <set-header exists-action="override" />\n</fragment>' },
        },
      });
    expect(build).toThrow(GatewayConfigError);
    expect(build).toThrow('fragments/broken.xml:2 <set-header> attribute "name": required');
  });

  it('refuses an unknown id naming the id and the folder, a cycle, and a fragment that is not a <fragment>', () => {
    const build = (id: string, fragments: Record<string, string>) => () =>
      new PolicyTestHost({ policies: { api: policies(`<include-fragment fragment-id="${id}" />`), fragments } });
    expect(build('missing', { other: '<fragment />' })).toThrow(
      'no policy fragment "missing"; fragments are the files fragments/<id>.xml of the gateway configuration folder (config/gateway/fragments/missing.xml). Known fragments: other.',
    );
    expect(
      build('a', {
        a: '<fragment><include-fragment fragment-id="b" /></fragment>',
        b: '<fragment><include-fragment fragment-id="a" /></fragment>',
      }),
    ).toThrow('fragment "a" includes itself (a → b → a)');
    expect(build('p', { p: '<policies><inbound /></policies>' })).toThrow('exactly one <fragment> element');
    expect(build('b', { b: '<fragment><base /></fragment>' })).toThrow('fragments/b.xml:1 <base>: a fragment holds');
    expect(build('{{x}}', {})).toThrow('unknown named value');
  });

  it('applies the including section’s rules to the fragment statements', () => {
    const build = () =>
      new PolicyTestHost({
        policies: {
          api: policies('', '<include-fragment fragment-id="limits" />'),
          fragments: {
            limits: '<fragment><rate-limit-by-key calls="1" renewal-period="60" counter-key="k" /></fragment>',
          },
        },
      });
    expect(build).toThrow('fragments/limits.xml:1 <rate-limit-by-key>: not allowed in <outbound>');
  });
});
