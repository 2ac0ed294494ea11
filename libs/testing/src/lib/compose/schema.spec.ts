import { COMPOSE_SCHEMA_SOURCE, schemaProblems, validateComposeDocument } from './schema';

const service = (extra: Record<string, unknown>) => ({ services: { api: { image: 'api', ...extra } } });

describe('schemaProblems (Compose Specification JSON schema)', () => {
  it('accepts a document using every shape the contract tests rely on', () => {
    expect(
      schemaProblems({
        'x-extension': { anything: true },
        services: {
          api: {
            build: { context: '.', dockerfile: 'Dockerfile', args: { APP: 'api' } },
            environment: { A: 'a', B: null, C: 3 },
            ports: ['127.0.0.1:3000:3000', 8080, '9000-9001:9000-9001/udp', { target: 80, published: 8081 }],
            volumes: ['data:/data:ro', { type: 'bind', source: '.', target: '/src' }],
            depends_on: { db: { condition: 'service_healthy' } },
            healthcheck: { test: ['CMD', 'true'], interval: '1m30s', timeout: '5s', retries: 3, start_period: '0' },
            restart: 'unless-stopped',
            init: true,
          },
          db: { image: 'db', environment: ['A=1', 'B'], depends_on: ['api'] },
        },
        volumes: { data: null },
      }),
    ).toEqual([]);
  });

  it('names an unknown key by its path', () => {
    expect(schemaProblems(service({ enviroment: { A: 'a' } }))).toEqual([
      { path: ['services', 'api', 'enviroment'], message: expect.stringContaining('unknown key') },
    ]);
    expect(schemaProblems({ services: {}, servics: {} })).toEqual([
      { path: ['servics'], message: expect.stringContaining('unknown key') },
    ]);
  });

  it('says which types were expected and what was found', () => {
    expect(schemaProblems(service({ ports: '3000:3000' }))).toEqual([
      { path: ['services', 'api', 'ports'], message: 'must be array (is string "3000:3000")' },
    ]);
    // environment is a map or a list: both alternatives are named, once.
    expect(schemaProblems(service({ environment: 5 }))).toEqual([
      { path: ['services', 'api', 'environment'], message: 'must be object or array (is number 5)' },
    ]);
    expect(schemaProblems(service({ environment: { A: { nested: true } } }))).toEqual([
      { path: ['services', 'api', 'environment', 'A'], message: expect.stringContaining('(is a map)') },
    ]);
  });

  it('reports the branch that got furthest, not every oneOf alternative', () => {
    expect(schemaProblems(service({ depends_on: { db: { condition: 'healthy' } } }))).toEqual([
      {
        path: ['services', 'api', 'depends_on', 'db', 'condition'],
        message:
          'must be one of "service_started", "service_healthy", "service_completed_successfully" (is string "healthy")',
      },
    ]);
    expect(schemaProblems(service({ depends_on: { db: {} } }))).toEqual([
      { path: ['services', 'api', 'depends_on', 'db'], message: 'missing key "condition"' },
    ]);
  });

  it('checks the formats the schema names: durations and ports', () => {
    expect(schemaProblems(service({ healthcheck: { interval: '10 seconds' } }))).toEqual([
      {
        path: ['services', 'api', 'healthcheck', 'interval'],
        message: 'string "10 seconds" is not a valid duration',
      },
    ]);
    expect(schemaProblems(service({ ports: ['80:http'] }))).toEqual([
      { path: ['services', 'api', 'ports', 0], message: expect.stringContaining('is not a valid ports') },
    ]);
  });

  it('lists every problem at once', () => {
    expect(schemaProblems(service({ bogus: 1, ports: 'x', restart: 3 }))).toHaveLength(3);
  });
});

describe('validateComposeDocument', () => {
  it('throws naming the file, the schema, each path and its line', () => {
    const lines: Record<string, number> = { 'services.api.bogus': 7 };
    expect(() =>
      validateComposeDocument(service({ bogus: 1, ports: 'x' }), 'compose/docker-compose.yml', (path) => {
        return lines[path.join('.')];
      }),
    ).toThrow(
      [
        `compose/docker-compose.yml does not match the Compose Specification (${COMPOSE_SCHEMA_SOURCE}):`,
        '  services.api.bogus (line 7): unknown key (not in the Compose Specification here; check its spelling and indentation)',
        '  services.api.ports: must be array (is string "x")',
      ].join('\n'),
    );
  });

  it('passes a valid document', () => {
    expect(() => validateComposeDocument(service({}), 'docker-compose.yml')).not.toThrow();
  });
});
