import { Script } from 'node:vm';
import { portalUiScript } from './portal-ui-script';

const config = {
  startUrl: '/docs/start',
  identityOrigin: 'https://localhost:5443',
  discoveryUrl: 'https://localhost:5443/t/v2.0/.well-known/openid-configuration',
  trustCommand: 'npm run trust',
  subscriptionKeyScheme: 'subscriptionKey',
};

describe('portalUiScript', () => {
  it('is valid JavaScript carrying its settings', () => {
    const script = portalUiScript(config);
    expect(() => new Script(script)).not.toThrow();
    expect(script).toContain('"trustCommand":"npm run trust"');
  });

  it('escapes settings so none can close a script element or a string', () => {
    const script = portalUiScript({ ...config, trustCommand: '</script><script>alert(1)</script>\u2028"' });
    expect(script).not.toContain('</script>');
    expect(script).toContain('\\u003c/script\\u003e');
    expect(() => new Script(script)).not.toThrow();
  });

  it('leaves the page alone when Swagger UI is not there', () => {
    const window: Record<string, unknown> = {};
    new Script(portalUiScript(config)).runInNewContext({ window });
    expect(window['SwaggerUIBundle']).toBeUndefined();
  });

  it('wraps SwaggerUIBundle, keeping its presets and adding the portal plugin', () => {
    const calls: Array<{ plugins: unknown[] }> = [];
    const original = Object.assign(
      (options: { plugins: unknown[] }) => {
        calls.push(options);
        return { preauthorizeApiKey: () => undefined, specSelectors: { specJson: () => undefined } };
      },
      { presets: { apis: 'apis' } },
    );
    const window: Record<string, unknown> = { SwaggerUIBundle: original };
    const fetch = () => new Promise(() => undefined);
    new Script(portalUiScript(config)).runInNewContext({ window, fetch, console });
    const wrapped = window['SwaggerUIBundle'] as typeof original;
    expect(wrapped).not.toBe(original);
    expect(wrapped.presets).toEqual({ apis: 'apis' });
    wrapped({ plugins: ['DownloadUrl'] });
    expect(calls[0].plugins).toHaveLength(2);
    expect(calls[0].plugins[0]).toBe('DownloadUrl');
  });
});

describe('portal plugin (Swagger UI stand-ins)', () => {
  interface Element {
    type: unknown;
    props: Record<string, unknown> | null;
    children: unknown[];
  }
  type Plugin = (system: unknown) => {
    statePlugins: {
      err: { wrapActions: { newAuthErr: (original: (error: unknown) => void) => (error: unknown) => unknown } };
    };
    wrapComponents: { liveResponse: (original: unknown) => (props: unknown) => Element };
  };
  const React = {
    createElement: (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): Element => ({
      type,
      props,
      children,
    }),
  };

  let helpBoxes: Array<{ textContent?: string }> = [];

  /** The plugin the script adds, with `fetch` answering the no-cors probe as given. */
  function loadPlugin(probe: () => Promise<unknown>): ReturnType<Plugin> {
    let plugins: Plugin[] = [];
    const window = {
      location: { origin: 'http://127.0.0.1:8080' },
      SwaggerUIBundle: (options: { plugins: Plugin[] }) => {
        plugins = options.plugins;
        return {};
      },
    };
    // Just enough DOM for the help box above the page.
    const inserted: Array<{ textContent?: string }> = [];
    const root = { parentNode: { insertBefore: (box: { textContent?: string }) => inserted.push(box) } };
    const document = {
      querySelector: () => null,
      getElementById: () => root,
      createElement: () => ({ setAttribute: () => undefined }),
    };
    helpBoxes = inserted;
    const fetch = (url: string) => (url === config.startUrl ? new Promise(() => undefined) : probe());
    new Script(portalUiScript(config)).runInNewContext({ window, document, fetch, console, setTimeout });
    (window.SwaggerUIBundle as (options: { plugins: Plugin[] }) => unknown)({ plugins: [] });
    return plugins[0]({ React });
  }

  function response(status: number, headers: Record<string, string>, text: string) {
    const values: Record<string, unknown> = { status, text, headers: { toJS: () => headers } };
    return { get: (name: string) => values[name] };
  }

  const textOf = (node: unknown): string =>
    typeof node === 'string' || typeof node === 'number'
      ? String(node)
      : node && typeof node === 'object' && 'children' in node
        ? (node as Element).children.flat().map(textOf).join('')
        : '';

  it("shows a refused call's status, APIM message, WWW-Authenticate and body above the response", () => {
    const live = loadPlugin(() => Promise.resolve()).wrapComponents.liveResponse('Original');
    const body = '{ "statusCode": 401, "message": "Unauthorized. Access token is missing or invalid." }';
    const rendered = live({
      response: response(401, { 'www-authenticate': 'Bearer error="invalid_token"' }, body),
    });
    const [reason, original] = rendered.children as Element[];
    expect(original.type).toBe('Original');
    expect(reason.props).toMatchObject({ className: 'portal-failure-reason', role: 'alert' });
    const text = textOf(reason);
    expect(text).toContain('The gateway answered 401: Unauthorized. Access token is missing or invalid.');
    expect(text).toContain('WWW-Authenticate: Bearer error="invalid_token"');
    expect(text).toContain(body);
  });

  it('adds nothing to a successful call, and says "another API" for an audience failure', () => {
    const live = loadPlugin(() => Promise.resolve()).wrapComponents.liveResponse('Original');
    expect(live({ response: response(200, {}, '{}') }).children[0]).toBeNull();
    const audience = live({
      response: response(401, {}, '{"statusCode":401,"message":"Audience validation failed."}'),
    });
    expect(textOf(audience.children[0])).toContain('issued for another API');
  });

  it('turns "Failed to fetch" into the trust instructions when the identity service cannot be reached at all', async () => {
    const errors: Array<{ message: string }> = [];
    const wrap = loadPlugin(() => Promise.reject(new TypeError('Failed to fetch'))).statePlugins.err.wrapActions;
    await wrap.newAuthErr((error) => errors.push(error as { message: string }))({
      authId: 'oauth2-echo-api',
      message: 'TypeError: Failed to fetch',
    });
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/does not trust the dev CA.*Run npm run trust, then restart the browser/);
    expect(errors[0].message).toContain(`open ${config.discoveryUrl} once`);
    expect(helpBoxes.map((box) => box.textContent)).toEqual([expect.stringContaining('npm run trust')]);
  });

  it('says CORS when the identity service answers the no-cors probe, and passes other errors through', async () => {
    const errors: Array<{ message: string }> = [];
    const wrap = loadPlugin(() => Promise.resolve({ type: 'opaque' })).statePlugins.err.wrapActions;
    const report = wrap.newAuthErr((error) => errors.push(error as { message: string }));
    await report({ message: 'TypeError: Failed to fetch' });
    report({ message: 'Unauthorized' });
    expect(errors[0].message).toMatch(
      /does not allow the origin http:\/\/127\.0\.0\.1:8080 by CORS.*IDENTITY_CORS_ORIGINS/,
    );
    expect(errors[1]).toEqual({ message: 'Unauthorized' });
  });
});
