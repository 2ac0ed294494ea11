import { readFileSync } from 'node:fs';
import { ids, REGISTRATIONS_PATH, required } from '../../test-support/server';
import { Directory } from './directory';
import { parseRegistrations } from './parse-registrations';

const directory = new Directory(parseRegistrations(JSON.parse(readFileSync(REGISTRATIONS_PATH, 'utf8'))));

it('recognises the tenant by GUID or domain, in any case', () => {
  expect(directory.isTenant(ids.tenantId.toUpperCase())).toBe(true);
  expect(directory.isTenant('STACK.local')).toBe(true);
  expect(directory.isTenant('contoso.onmicrosoft.com')).toBe(false);
});

it('finds an API by appId or App ID URI, with or without a trailing slash, keeping the form requested', () => {
  expect(directory.findResource(ids.apiProxy.toUpperCase())?.api.appId).toBe(ids.apiProxy);
  expect(directory.findResource(`${ids.apiProxyUri}/`)).toMatchObject({
    api: { appId: ids.apiProxy },
    requestedAs: `${ids.apiProxyUri}/`,
  });
  expect(directory.findResource('api://unknown')).toBeUndefined();
});

it('lists the roles assigned to a client on an API, in the API’s order', () => {
  const client = required(directory.findClient(ids.apiClient));
  const api = required(directory.findResource(ids.apiProxy)).api;
  expect(directory.rolesOf(client, api)).toEqual(['Echo.Read', 'Echo.Write']);
  expect(directory.rolesOf(required(directory.findClient(ids.noRoleClient)), api)).toEqual([]);
});
