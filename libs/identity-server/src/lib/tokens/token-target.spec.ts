import { readV1Target, readV2Target } from './token-target';

it('reads the resource from a /.default scope, dropping OIDC scopes', () => {
  expect(readV2Target('api://x/.default', undefined)).toEqual({ resource: 'api://x', requested: 'api://x/.default' });
  expect(readV2Target('openid api://x/.DEFAULT profile', undefined).resource).toBe('api://x');
  expect(readV2Target('https://host//.default', undefined).resource).toBe('https://host/');
});

it.each([
  ['api://x', undefined, 1002012],
  ['/.default', undefined, 1002012],
  ['openid', undefined, 1002012],
  ['api://x/.default api://y/.default', undefined, 700022],
  [undefined, undefined, 900144],
  ['api://x/.default', 'api://x', 901002],
])('refuses scope %s with resource %s: AADSTS%i', (scope, resource, code) => {
  expect(() => readV2Target(scope, resource)).toThrow(expect.objectContaining({ code }));
});

it('reads the v1 resource as sent and requires it', () => {
  expect(readV1Target('https://api.example/')).toEqual({
    resource: 'https://api.example/',
    requested: 'https://api.example/',
  });
  expect(() => readV1Target(undefined)).toThrow(expect.objectContaining({ code: 900144 }));
});
