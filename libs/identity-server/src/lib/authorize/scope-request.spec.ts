/** Reading a delegated scope parameter against the default registrations. */
import { readFileSync } from 'node:fs';
import { REGISTRATIONS_PATH } from '../../test-support/server';
import { AadstsError } from '../errors/aadsts-error';
import { Directory } from '../registrations/directory';
import { parseRegistrations } from '../registrations/parse-registrations';
import { parseScopeRequest } from './scope-request';

const directory = new Directory(parseRegistrations(JSON.parse(readFileSync(REGISTRATIONS_PATH, 'utf8'))));
const apiProxy = 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2';
const legacyApi = 'api://9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b';

function refusal(scope: string): AadstsError {
  try {
    parseScopeRequest(scope, directory, 'stack.local');
  } catch (error) {
    expect(error).toBeInstanceOf(AadstsError);
    return error as AadstsError;
  }
  throw new Error(`expected ${scope} to be refused`);
}

it('reads OpenID scopes, named API scopes in canonical case, and /.default as every enabled scope', () => {
  const named = parseScopeRequest(`openid PROFILE ${apiProxy}/echo.read.user`, directory, 'stack.local');
  expect([...named.oidc]).toEqual(['openid', 'profile']);
  expect(named.resources.map((resource) => resource.values)).toEqual([['Echo.Read.User']]);
  const all = parseScopeRequest(`${apiProxy}/.default`, directory, 'stack.local');
  expect(all.resources[0]?.values).toEqual(['Echo.Read.User', 'Echo.Write.User']);
});

it('refuses /.default for an API that exposes no delegated scope (no token with an empty scp)', () => {
  const error = refusal(`openid ${legacyApi}/.default`);
  expect(error.code).toBe(70011);
  expect(error.message).toContain('exposes no delegated permissions');
});

it('refuses unknown scope values and bare Graph scopes as invalid scopes', () => {
  expect(refusal(`${apiProxy}/Nope`).code).toBe(70011);
  expect(refusal('User.Read').code).toBe(70011);
});
