import { apiSchema } from '../model/config-schemas';
import { OperationMatcher } from './operation-matcher';

const api = (path: string, operations: Array<[string, string, string]>) =>
  apiSchema.parse({
    id: path.replace(/\//g, '-') || 'root',
    path,
    serviceUrl: 'http://127.0.0.1:1',
    operations: operations.map(([id, method, urlTemplate]) => ({ id, method, urlTemplate })),
  });

describe('OperationMatcher', () => {
  const matcher = new OperationMatcher([
    api('echo', [
      ['get', 'GET', '/resource'],
      ['post', 'POST', '/resource'],
    ]),
    api('team/orders', [
      ['one', 'GET', '/items/{id}'],
      ['new', 'GET', '/items/new'],
    ]),
    api('team', [['any', 'GET', '/orders/items/{id}']]),
  ]);

  it('matches the API suffix, method and template, keeping the requested path for the backend', () => {
    expect(matcher.match('GET', '/echo/resource')).toMatchObject({
      api: { id: 'echo' },
      operation: { id: 'get' },
      backendPath: '/resource',
    });
    expect(matcher.match('POST', '/echo/resource')?.operation.id).toBe('post');
  });

  it('prefers the longest API suffix and literal segments over parameters', () => {
    expect(matcher.match('GET', '/team/orders/items/new')?.operation.id).toBe('new');
    expect(matcher.match('GET', '/team/orders/items/a%20b')).toMatchObject({
      operation: { id: 'one' },
      parameters: { id: 'a b' },
    });
  });

  it('answers undefined for unknown APIs, paths, methods and undecodable parameters', () => {
    expect(matcher.match('GET', '/nope/resource')).toBeUndefined();
    expect(matcher.match('GET', '/echoes/resource')).toBeUndefined();
    expect(matcher.match('DELETE', '/echo/resource')).toBeUndefined();
    expect(matcher.match('GET', '/team/orders/items/%E0%A4%A')).toBeUndefined();
  });
});
