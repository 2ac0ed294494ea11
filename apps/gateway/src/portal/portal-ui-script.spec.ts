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
