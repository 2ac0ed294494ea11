import { CallUsageError, parseCallArgs } from './call-options';

describe('parseCallArgs', () => {
  it('takes the method, path and body, with the defaults left unset', () => {
    expect(parseCallArgs(['get', '/protected/resource'])).toEqual({
      method: 'GET',
      target: '/protected/resource',
      body: undefined,
      client: undefined,
      api: undefined,
      scope: undefined,
      url: undefined,
      subscription: undefined,
      key: undefined,
      noKey: false,
      noToken: false,
    });
    expect(parseCallArgs(['POST', 'http://localhost:3000/resource', '{"a":1}'])).toMatchObject({
      method: 'POST',
      target: 'http://localhost:3000/resource',
      body: '{"a":1}',
    });
  });

  it('reads options anywhere, as --name value or --name=value', () => {
    expect(
      parseCallArgs(['--client', 'ago-norole-oauth-app', 'GET', '/x', '--url=http://localhost:3000', '--no-key']),
    ).toMatchObject({ client: 'ago-norole-oauth-app', url: 'http://localhost:3000', noKey: true, target: '/x' });
    expect(
      parseCallArgs(['--api', 'ago-legacyapi-oauth-app', '--subscription', 'starter-trial', 'GET', '/x']),
    ).toMatchObject({
      api: 'ago-legacyapi-oauth-app',
      subscription: 'starter-trial',
    });
  });

  it('answers help for -h and --help', () => {
    expect(parseCallArgs(['--help'])).toBe('help');
    expect(parseCallArgs(['GET', '/x', '-h'])).toBe('help');
  });

  it.each([
    [[], /Give a method and a path/],
    [['GET'], /Give a method and a path/],
    [['FETCH', '/x'], /"FETCH" is not an HTTP method/],
    [['GET', 'protected/resource'], /must be a path starting with \/ or an http\(s\) URL/],
    [['--bogus', 'GET', '/x'], /Unknown option --bogus/],
    [['--client'], /--client needs a value/],
    [['--client', '--api', 'x', 'GET', '/x'], /--client needs a value/],
    [['--client', 'a', '--client', 'b', 'GET', '/x'], /--client is given twice/],
    [['--api', 'a', '--scope', 'b', 'GET', '/x'], /Give --api or --scope, not both/],
    [['--no-key', '--key', 'k', 'GET', '/x'], /--no-key cannot be combined/],
    [['--key', 'k', '--subscription', 's', 'GET', '/x'], /Give --key or --subscription, not both/],
    [['--no-token', '--client', 'c', 'GET', '/x'], /--no-token sends no token/],
    [['--url', 'localhost:3000', 'GET', '/x'], /--url must be an http\(s\) base URL/],
    [['GET', '/x', 'body', 'extra'], /Unexpected arguments after the body: extra/],
  ])('refuses %j', (args, message) => {
    expect(() => parseCallArgs(args)).toThrow(CallUsageError);
    expect(() => parseCallArgs(args)).toThrow(message);
  });

  it('--user takes a UPN; it cannot be combined with --client or --no-token', () => {
    expect(parseCallArgs(['--user', 'adele@stack.local', 'GET', '/echo/resource'])).toMatchObject({
      user: 'adele@stack.local',
      client: undefined,
    });
    expect(() => parseCallArgs(['--user', 'adele@stack.local', '--client', 'x', 'GET', '/x'])).toThrow(
      /Give --user or --client, not both/,
    );
    expect(() => parseCallArgs(['--user', 'adele@stack.local', '--no-token', 'GET', '/x'])).toThrow(
      '--no-token sends no token: drop --user.',
    );
    expect(() => parseCallArgs(['GET', '/x', '--user'])).toThrow(/--user needs a value/);
  });
});
