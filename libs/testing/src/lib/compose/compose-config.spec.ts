import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeConfig, composeServicesOf } from '../compose-config';
import { ComposeFileError } from './document-path';

const repoRoot = join(__dirname, '..', '..', '..', '..', '..');

/** Services added with `nx g @stack/tools:protected-service` (config/stack/services.json) are compose services too. */
const generatedServices = (
  JSON.parse(readFileSync(join(repoRoot, 'config', 'stack', 'services.json'), 'utf8')) as {
    services: { name: string }[];
  }
).services.map((service) => service.name);

describe('composeConfig on the repository docker-compose.yml', () => {
  const config = composeConfig();

  it('resolves every service, the workers from one anchor and the merged x-app keys', () => {
    expect(Object.keys(config.services)).toEqual(
      [
        'echo-api',
        'gateway',
        'identity',
        'protected-api',
        'redis',
        'worker-1',
        'worker-2',
        ...generatedServices,
      ].sort(),
    );
    expect(config.volumes).toEqual(['dev-ca', 'identity-data']);
    const workers = composeServicesOf(config, 'worker');
    expect(workers.map((worker) => worker.ports)).toEqual([['127.0.0.1:3002:3002/tcp'], ['127.0.0.1:3003:3002/tcp']]);
    expect(workers[0]?.environment).toEqual(workers[1]?.environment);
  });

  it('merges the shared auth environment (<<: *auth-env) under the service own keys', () => {
    expect(config.services['protected-api']?.environment).toMatchObject({
      AUTH_TENANT_ID: '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60',
      AUTH_CLOCK_SKEW_SECONDS: '0',
      PROTECTED_API_PORT: '3000',
    });
    // Passed through without a value, and no env file sets it: the container does not get it.
    expect(config.services['protected-api']?.environment).not.toHaveProperty('AUTH_JWKS_URI');
  });

  it('takes variables from the env file only, never from the shell', () => {
    process.env['LOG_LEVEL'] = 'debug';
    try {
      expect(composeConfig().services['identity']?.environment['LOG_LEVEL']).toBe('info');
    } finally {
      delete process.env['LOG_LEVEL'];
    }
  });

  it('reads .env.example as docker-compose does: its values are the compose defaults', () => {
    const withExample = composeConfig({ envFile: join(repoRoot, '.env.example') });
    expect(withExample).toEqual(config);
  });
});

describe('composeConfig on other compose files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'compose-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (yaml: string, env?: string) => {
    writeFileSync(join(dir, 'docker-compose.yml'), yaml);
    if (env !== undefined) writeFileSync(join(dir, '.env.test'), env);
    return { projectDir: dir, envFile: env === undefined ? undefined : join(dir, '.env.test') };
  };

  it('substitutes from the env file, literally, including - and + forms on empty values', () => {
    const options = write(
      [
        'x-env: &env',
        '  SHARED: ${SHARED:-shared default}',
        'services:',
        '  app:',
        '    image: app:${TAG-latest}',
        '    environment:',
        '      <<: *env',
        '      EMPTY_DASH: ${EMPTY-default}',
        '      EMPTY_PLUS: ${EMPTY+alt}',
        '      LITERAL: $$HOME',
        '      FROM_FILE: ${WITH_DOLLAR}',
        '      PASSED:',
      ].join('\n'),
      'EMPTY=\nTAG=1.2\nWITH_DOLLAR=a$b\nPASSED=yes\n',
    );
    expect(composeConfig(options).services['app']).toMatchObject({
      image: 'app:1.2',
      environment: {
        SHARED: 'shared default',
        EMPTY_DASH: '',
        EMPTY_PLUS: 'alt',
        LITERAL: '$HOME',
        FROM_FILE: 'a$b',
        PASSED: 'yes',
      },
    });
  });

  it('fails on ${VAR:?message} with the variable unset, naming file, path, variable and message', () => {
    const options = write(
      'services:\n  app:\n    image: app\n    environment:\n      KEY: ${API_KEY:?set API_KEY in .env}\n',
    );
    expect(() => composeConfig(options)).toThrow(ComposeFileError);
    expect(() => composeConfig(options)).toThrow(
      `${join(dir, 'docker-compose.yml')}: services.app.environment.KEY: required variable API_KEY is not set: set API_KEY in .env`,
    );
  });

  it('fails on a schema error naming the file, the path and its line', () => {
    const options = write('services:\n  app:\n    image: app\n    portz:\n      - "80:80"\n');
    expect(() => composeConfig(options)).toThrow(
      new RegExp(
        `${escape(join(dir, 'docker-compose.yml'))} does not match the Compose Specification .*\\n  services\\.app\\.portz \\(line 5\\): unknown key`,
      ),
    );
  });

  it('fails on invalid YAML and duplicate keys, naming the file and line', () => {
    expect(() => composeConfig(write('services:\n  app:\n    image: a\n    image: b\n'))).toThrow(
      /docker-compose\.yml is not valid YAML:\n.*Map keys must be unique.*line 4/s,
    );
    expect(() => composeConfig(write('services: [\n'))).toThrow(/is not valid YAML/);
  });

  it('fails when the env file does not exist', () => {
    const options = write('services: {}\n');
    expect(() => composeConfig({ ...options, envFile: join(dir, 'missing.env') })).toThrow(
      `env file ${join(dir, 'missing.env')} not found`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
