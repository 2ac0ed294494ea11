import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { REGISTRATIONS_PATH } from '../../test-support/server';
import { loadRegistrations } from './load-registrations';
import { formatPath, parseRegistrations, RegistrationsError } from './parse-registrations';

const defaults = () => JSON.parse(readFileSync(REGISTRATIONS_PATH, 'utf8'));

function issuesOf(input: unknown): string[] {
  try {
    parseRegistrations(input, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(RegistrationsError);
    return (error as RegistrationsError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the registrations to be refused');
}

it('accepts the default registrations file, parsing dates and applying defaults', async () => {
  const registrations = await loadRegistrations(REGISTRATIONS_PATH);
  expect(registrations.tenant.domain).toBe('stack.local');
  expect(registrations.clients[0].secrets[0].expiresAt).toBeInstanceOf(Date);
  // The first two are the defaults; a generated protected service adds its own after them.
  expect(registrations.apis.slice(0, 2).map((api) => api.accessTokenAcceptedVersion)).toEqual([2, null]);
  expect(registrations.clients.find((client) => client.certificates.length)?.secrets).toEqual([]);
});

it('names the bad field with its path', () => {
  const input = defaults();
  input.clients[1].secrets[0].expiresAt = 'next tuesday';
  expect(issuesOf(input)).toEqual(['clients[1].secrets[0].expiresAt: Invalid ISO date']);
});

it('reports every problem at once: GUIDs, unknown keys, missing fields', () => {
  const input = defaults();
  input.tenant.id = 'not-a-guid';
  input.apis[0].accessTokenAcceptedVersion = 3;
  input.clients[0].secret = 'typo for secrets';
  delete input.clients[2].objectId;
  const issues = issuesOf(input);
  expect(issues).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^tenant\.id: Expected a GUID/),
      expect.stringMatching(/^apis\[0\]\.accessTokenAcceptedVersion: /),
      expect.stringMatching(/^clients\[0\]: Unrecognized key.*secret/),
      expect.stringMatching(/^clients\[2\]\.objectId: /),
    ]),
  );
});

it('checks cross references: role assignments, duplicates, certificate sources', () => {
  const input = defaults();
  input.roleAssignments[0].roles.push('Echo.Delete');
  input.roleAssignments[1].api = '00000000-0000-4000-8000-000000000000';
  input.clients[1].appId = input.clients[0].appId;
  input.clients[2].certificates[0].pem = '-----BEGIN CERTIFICATE-----';
  input.apis[1].identifierUris.push(`${input.apis[0].identifierUris[0]}/`);
  const issues = issuesOf(input);
  expect(issues).toEqual(
    expect.arrayContaining([
      "roleAssignments[0].roles[2]: Role 'Echo.Delete' isn't defined on API 'ago-apiproxy-oauth-app' (defined: Echo.Read, Echo.Write, Gateway.Relay)",
      'roleAssignments[1].api: No API app with appId 00000000-0000-4000-8000-000000000000 in apis',
      expect.stringMatching(/^clients\[1\]\.appId: Duplicate appId .* already used by clients\[0\]$/),
      'clients[2].certificates[0]: Give exactly one of "generated", "pemFile" or "pem"',
      expect.stringMatching(/^apis\[1\]\.identifierUris\[1\]: Duplicate identifier URI/),
    ]),
  );
});

it('formats paths the way the message shows them', () => {
  expect(formatPath(['clients', 1, 'secrets', 0, 'expiresAt'])).toBe('clients[1].secrets[0].expiresAt');
  expect(formatPath([])).toBe('');
});

describe('loadRegistrations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'registrations-spec-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says when the file is missing or not JSON', async () => {
    await expect(loadRegistrations(join(dir, 'missing.json'))).rejects.toThrow(/does not exist/);
    await writeFile(join(dir, 'broken.json'), '{ "tenant": ');
    await expect(loadRegistrations(join(dir, 'broken.json'))).rejects.toThrow(/Not valid JSON/);
  });

  it('prefixes the message with the file and lists issues one per line', async () => {
    const input = defaults();
    input.clients[1].secrets[0].expiresAt = '2024-13-45';
    await writeFile(join(dir, 'bad.json'), JSON.stringify(input));
    await expect(loadRegistrations(join(dir, 'bad.json'))).rejects.toThrow(
      `Invalid registrations in ${join(dir, 'bad.json')}:\n  - clients[1].secrets[0].expiresAt: Invalid ISO date`,
    );
  });

  it('resolves certificate pemFile paths relative to the file', async () => {
    const input = defaults();
    input.clients[2].certificates = [{ pemFile: 'certs/client.pem' }];
    await writeFile(join(dir, 'pemfile.json'), JSON.stringify(input));
    const registrations = await loadRegistrations(join(dir, 'pemfile.json'));
    expect(registrations.clients[2].certificates[0].pemFile).toBe(join(dir, 'certs', 'client.pem'));
  });
});
