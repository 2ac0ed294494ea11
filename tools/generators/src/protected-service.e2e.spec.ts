/**
 * The generator end to end, as a newcomer uses it: in a temporary copy of this workspace, `nx g
 * @stack/tools:protected-service reports-api --roles Reports.Read,Reports.Write`, then the new project's lint, the
 * typecheck of everything, its tests, the specs that read the configuration, its build, and the whole stack started from
 * the copy with a call through the gateway: the client with the roles gets 200/201, the client without them 403.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace, workspaceRoot, type WorkspaceCopy } from './testing/workspace-copy';

/** Generated services already in this workspace (config/stack/services.json). */
const existing = (
  JSON.parse(readFileSync(join(workspaceRoot, 'config', 'stack', 'services.json'), 'utf8')) as {
    services: { name: string }[];
  }
).services.map((service) => service.name);
/** reports-api, unless this workspace already has one (then a name it cannot have yet). */
const NAME = ['reports-api', 'e2e-reports-api', `e2e-reports-${process.pid}-api`].find(
  (name) => !existing.includes(name) && !existsSync(join(workspaceRoot, 'apps', name)),
) as string;
const GENERATE = [
  'g',
  '@stack/tools:protected-service',
  NAME,
  '--roles',
  'Reports.Read,Reports.Write',
  '--no-interactive',
];
/** Every app the stack starts: the template's and the generated ones. */
const APPS = ['identity', 'echo-api', 'protected-api', 'gateway', 'worker', ...existing];

/** Output of a finished command, for the failure message. */
const shown = (result: { status: number | null; stdout: string; stderr: string }) =>
  `exit ${result.status}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`;

describe(`nx g @stack/tools:protected-service ${NAME} --roles Reports.Read,Reports.Write, in a copy of the workspace`, () => {
  let copy: WorkspaceCopy;
  const node = (args: readonly string[]) => copy.run(process.execPath, args);
  const expectSuccess = (result: { status: number | null; stdout: string; stderr: string }) => {
    if (result.status !== 0) throw new Error(shown(result));
  };

  beforeAll(() => {
    copy = copyWorkspace();
  }, 60_000);
  afterAll(() => copy?.remove());

  it('--dry-run lists the changes and writes nothing', () => {
    const result = copy.nx([...GENERATE, '--dry-run']);
    expectSuccess(result);
    expect(result.stdout).toContain(`CREATE apps/${NAME}/src/main.ts`);
    expect(result.stdout).toContain('UPDATE config/identity/registrations.json');
    expect(result.stdout).toContain(`CREATE config/gateway/policies/apis/${NAME}.xml`);
    expect(result.stdout).toContain('UPDATE config/stack/services.json');
    expect(existsSync(join(copy.root, 'apps', NAME))).toBe(false);
    expect(copy.read('config/stack/services.json')).toBe(
      readFileSync(join(workspaceRoot, 'config/stack/services.json'), 'utf8'),
    );
  }, 60_000);

  it('generates the service, then refuses a second run naming what exists', () => {
    const first = copy.nx(GENERATE);
    expectSuccess(first);
    const changes = first.stdout.split('\n').filter((line) => /^(CREATE|UPDATE) /.test(line));
    console.log(`The generator wrote ${changes.length} files:\n${changes.join('\n')}`);
    const second = copy.nx(GENERATE);
    expect(second.status).not.toBe(0);
    expect(`${second.stdout}${second.stderr}`).toContain(
      `Cannot generate ${NAME}: it already exists (apps/${NAME}/ exists;`,
    );
  }, 60_000);

  it('writes files Prettier leaves as they are (npm run format:check stays green)', () => {
    const prettier = join('node_modules', 'prettier', 'bin', 'prettier.cjs');
    expectSuccess(node([prettier, '--check', `apps/${NAME}`, 'config', 'docker-compose.yml', 'tools/project.json']));
  }, 60_000);

  it('lints the new project with the module boundaries', () => {
    expectSuccess(copy.nx(['lint', NAME, '--outputStyle=static', '--skip-nx-cache']));
  }, 120_000);

  it('typechecks the whole workspace (tsconfig.check.json)', () => {
    expectSuccess(node([join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.check.json', '--noEmit']));
  }, 180_000);

  it("passes the new service's tests and the specs that read the configuration", () => {
    const jest = join('node_modules', 'jest', 'bin', 'jest.js');
    expectSuccess(node([jest, '-c', `apps/${NAME}/jest.config.cts`, '--ci']));
    // The committed OpenAPI document is what the controllers produce; compose and the local defaults include it.
    expectSuccess(
      node([
        jest,
        '-c',
        'tools/jest.config.cts',
        '--ci',
        'tools/openapi/openapi-documents.spec.ts',
        'tools/stack/local-env.spec.ts',
      ]),
    );
    expectSuccess(node([jest, '-c', 'libs/testing/jest.config.cts', '--ci', 'src/lib/compose/compose-config.spec.ts']));
  }, 180_000);

  it('builds, and behind the gateway answers 200 with the role and 403 without it', () => {
    // Apps already built in the workspace were copied; build the new one (and any that is missing).
    const missing = APPS.filter((app) => copy.run('test', ['-f', join('dist', 'apps', app, 'main.js')]).status !== 0);
    expectSuccess(copy.nx(['run-many', '-t', 'build', '-p', [NAME, ...missing].join(','), '--outputStyle=static']));
    const check = node([
      '--require',
      './tools/register-ts.cjs',
      'tools/stack/test-support/generated-service-check.ts',
      NAME,
    ]);
    expectSuccess(check);
    const line = check.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    const result = JSON.parse(line?.slice('RESULT '.length) ?? '{}');
    expect(result.services).toContain(NAME);
    expect(result.readWithRole.status).toBe(200);
    expect(result.writeWithRole.status).toBe(201);
    expect(JSON.parse(result.writeWithRole.body)).toMatchObject({
      caller: { roles: ['Reports.Read', 'Reports.Write'] },
    });
    expect(result.readWithoutRole).toEqual({
      status: 403,
      body: expect.stringContaining('JWT token is missing the following claims: roles.'),
    });
    expect(result.writeWithoutRole.status).toBe(403);
    // Directly, without a token: the service itself refuses (RFC 6750).
    expect(result.direct).toBe(401);
  }, 240_000);
});
