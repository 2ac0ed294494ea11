import { ServiceCounters } from './token-counters';

const API = '4A41D081-77b5-4936-b87c-52b76b36dbc2';
const OTHER_API = '9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b';
const resolveApi = (identifier: string) =>
  ({ [`api://${API.toLowerCase()}`]: API, [API.toLowerCase()]: API, [`api://${OTHER_API}`]: OTHER_API })[
    identifier.toLowerCase()
  ];

function countersWith(...issuances: [clientId: string, apiAppId: string][]): ServiceCounters {
  const counters = new ServiceCounters(resolveApi);
  for (const [clientId, apiAppId] of issuances) counters.recordIssuance({ clientId, apiAppId, resource: 'as-asked' });
  return counters;
}

it('counts issuances by client, case-insensitively, and in total', () => {
  const counters = countersWith(['client-A', API], ['client-a', API], ['client-b', OTHER_API]);
  expect(counters.tokenRequestCount()).toBe(3);
  expect(counters.tokenRequestCount({ clientId: 'CLIENT-A' })).toBe(2);
  expect(counters.tokenRequestCount({ clientId: 'client-c' })).toBe(0);
});

it('matches every form of the same API: scope, App ID URI, appId, any case', () => {
  const counters = countersWith(['client-a', API], ['client-a', API.toLowerCase()], ['client-a', OTHER_API]);
  for (const scope of [`api://${API}/.default`, `API://${API.toLowerCase()}/.DEFAULT`, `api://${API}`, API]) {
    expect(counters.tokenRequestCount({ scope })).toBe(2);
  }
  expect(counters.tokenRequestCount({ clientId: 'client-a', scope: `api://${OTHER_API}/.default` })).toBe(1);
  expect(counters.tokenRequestCount({ clientId: 'client-b', scope: API })).toBe(0);
});

it('matches nothing for a scope that names no API', () => {
  expect(countersWith(['client-a', API]).tokenRequestCount({ scope: 'api://unknown/.default' })).toBe(0);
});

it('keeps counting past a million issuances and resets every counter', () => {
  const counters = countersWith();
  for (let i = 0; i < 1_000_000; i += 1) counters.recordIssuance({ clientId: 'c', apiAppId: API, resource: API });
  counters.recordJwksRequest();
  counters.recordDiscoveryRequest();
  expect(counters.tokenRequestCount({ clientId: 'c', scope: API })).toBe(1_000_000);
  counters.reset();
  expect([counters.tokenRequestCount(), counters.jwksRequestCount(), counters.discoveryRequestCount()]).toEqual([
    0, 0, 0,
  ]);
});
