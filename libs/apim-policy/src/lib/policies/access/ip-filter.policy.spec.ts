import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';

const inbound = (statements: string) => `<policies><inbound>${statements}</inbound></policies>`;
const send = (host: PolicyTestHost, ipAddress: string) => host.send({ path: '/orders', ipAddress });

describe('ip-filter', () => {
  const allowOffice = inbound(`<ip-filter action="allow">
      <address>198.51.100.20</address>
      <address-range from="10.1.0.0" to="10.1.255.255" />
      <address-range from="2001:db8:aa::" to="2001:db8:aa::ffff" />
    </ip-filter>`);

  it('allow: lets listed addresses and ranges (IPv4 and IPv6) through', async () => {
    const host = new PolicyTestHost({ policies: { api: allowOffice } });
    for (const ip of ['198.51.100.20', '10.1.7.9', '2001:db8:aa::12', '::ffff:10.1.0.1']) {
      expect((await send(host, ip)).status).toBe(200);
    }
  });

  it('allow: refuses anyone else with 403 CallerIpNotAllowed naming the address', async () => {
    const host = new PolicyTestHost({ policies: { api: allowOffice } });
    const result = await send(host, '10.2.0.1');
    expect(result.status).toBe(403);
    expect(result.json()).toEqual({
      statusCode: 403,
      message: 'Caller IP address 10.2.0.1 is not allowed. Access denied.',
    });
    expect(result.lastError).toMatchObject({ source: 'ip-filter', reason: 'CallerIpNotAllowed' });
    expect(result.forwarded).toBeUndefined();
    expect((await send(host, '2001:db8:ab::1')).status).toBe(403);
  });

  it('forbid: refuses listed callers with CallerIpBlocked, lets others through', async () => {
    const host = new PolicyTestHost({
      policies: { api: inbound('<ip-filter action="forbid"><address>203.0.113.9</address></ip-filter>') },
    });
    const blocked = await send(host, '203.0.113.9');
    expect(blocked.status).toBe(403);
    expect(blocked.json()).toEqual({ statusCode: 403, message: 'Caller IP address is blocked. Access denied.' });
    expect(blocked.lastError?.reason).toBe('CallerIpBlocked');
    expect((await send(host, '203.0.113.10')).status).toBe(200);
  });

  it('reads action and addresses from expressions and named values', async () => {
    const host = new PolicyTestHost({
      namedValues: { partner: '192.0.2.44' },
      policies: {
        api: inbound(`<ip-filter action='@(context.Request.Headers.GetValueOrDefault("X-Mode", "allow"))'>
          <address>{{partner}}</address></ip-filter>`),
      },
    });
    expect((await send(host, '192.0.2.44')).status).toBe(200);
    expect((await host.send({ path: '/', ipAddress: '192.0.2.44', headers: { 'X-Mode': 'forbid' } })).status).toBe(403);
  });

  it('refuses a caller address it cannot read with FailedToParseCallerIP', async () => {
    const host = new PolicyTestHost({ policies: { api: allowOffice } });
    const result = await send(host, 'unknown');
    expect(result.status).toBe(403);
    expect(result.lastError?.reason).toBe('FailedToParseCallerIP');
  });

  it.each([
    ['<ip-filter action="allow" />', 'needs at least one <address>'],
    ['<ip-filter action="deny"><address>1.2.3.4</address></ip-filter>', 'is not one of allow, forbid'],
    ['<ip-filter action="allow"><address>1.2.3</address></ip-filter>', '"1.2.3" is not an IP address'],
    ['<ip-filter action="allow"><address-range from="10.0.0.9" to="10.0.0.1" /></ip-filter>', 'comes after'],
    ['<ip-filter action="allow"><address-range from="10.0.0.1" to="::1" /></ip-filter>', 'both be IPv4'],
    ['<ip-filter action="allow"><port>80</port></ip-filter>', 'holds only <address>'],
  ])('refuses %s at load', (statement, message) => {
    const build = () => new PolicyTestHost({ policies: { api: inbound(statement) } });
    expect(build).toThrow(GatewayConfigError);
    expect(build).toThrow(message);
  });
});
