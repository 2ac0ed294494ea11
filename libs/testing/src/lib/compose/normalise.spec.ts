import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { lookupIn } from './env-file';
import { toVariables } from './environment';
import { toComposeConfig } from './normalise';
import { formatPorts } from './ports';
import { toMount } from './volumes';

const projectDir = resolve('project');
const context = { file: 'docker-compose.yml', projectDir, passThrough: lookupIn({ FROM_ENV: 'env value', BLANK: '' }) };

describe('toVariables (environment, build.args)', () => {
  it('turns the list form into a map, splitting at the first =', () => {
    expect(toVariables(['A=1', 'B=x=y', 'C='], context.passThrough)).toEqual({ A: '1', B: 'x=y', C: '' });
  });

  it('passes a key without a value through from the env file only when it is set there', () => {
    expect(toVariables(['FROM_ENV', 'BLANK', 'NOT_SET'], context.passThrough)).toEqual({
      FROM_ENV: 'env value',
      BLANK: '',
    });
    expect(toVariables({ FROM_ENV: null, NOT_SET: null, OWN: 'own' }, context.passThrough)).toEqual({
      FROM_ENV: 'env value',
      OWN: 'own',
    });
  });

  it('writes numbers and booleans as strings and sorts the keys, as compose prints them', () => {
    const variables = toVariables({ Z: 1, A: true, M: 0.5 }, context.passThrough);
    expect(variables).toEqual({ A: 'true', M: '0.5', Z: '1' });
    expect(Object.keys(variables)).toEqual(['A', 'M', 'Z']);
  });

  it('gives an empty map when there is nothing', () => {
    expect(toVariables(undefined, context.passThrough)).toEqual({});
  });
});

describe('formatPorts', () => {
  it.each([
    ['127.0.0.1:3000:3000', ['127.0.0.1:3000:3000/tcp']],
    ['8080:80', ['8080:80/tcp']],
    [9000, ['9000/tcp']],
    ['9000', ['9000/tcp']],
    ['53:53/udp', ['53:53/udp']],
    ['127.0.0.1::80', ['127.0.0.1::80/tcp']],
    ['[::1]:8080:80', ['::1:8080:80/tcp']],
    ['127.0.0.1:5000-5001:6000-6001', ['127.0.0.1:5000:6000/tcp', '127.0.0.1:5001:6001/tcp']],
    ['7000-7001', ['7000/tcp', '7001/tcp']],
    ['8000-8010:80', ['8000-8010:80/tcp']],
  ])('short syntax %j as %j', (entry, expected) => {
    expect(formatPorts(entry)).toEqual(expected);
  });

  it.each([
    [{ target: 80, published: 8081 }, ['8081:80/tcp']],
    [{ target: 80, published: '8081', host_ip: '127.0.0.1', protocol: 'udp', mode: 'host' }, ['127.0.0.1:8081:80/udp']],
    [{ target: 80 }, ['80/tcp']],
  ])('long syntax %j as %j', (entry, expected) => {
    expect(formatPorts(entry)).toEqual(expected);
  });

  it.each([
    ['80:http', /target port "http" is not a port/],
    ['80:80/icmp', /protocol "icmp" is not one of tcp, udp, sctp/],
    ['70000:80', /published port "70000"/],
    ['5000-5002:6000-6001', /differ in length/],
    [{ published: 80 }, /needs `target`/],
  ])('refuses %j', (entry, why) => {
    expect(() => formatPorts(entry)).toThrow(why);
  });
});

describe('toMount', () => {
  it.each([
    ['data:/data', 'data:/data:rw', 'data'],
    ['data:/data:ro', 'data:/data:ro', 'data'],
    ['./certs:/certs:ro', `${join(projectDir, 'certs')}:/certs:ro`, undefined],
    ['/etc/hosts:/etc/hosts', `${resolve(projectDir, '/etc/hosts')}:/etc/hosts:rw`, undefined],
    ['~/cache:/cache', `${join(homedir(), 'cache')}:/cache:rw`, undefined],
    ['/anonymous', '/anonymous', undefined],
  ])('short syntax %j as %j', (entry, text, namedVolume) => {
    expect(toMount(entry, projectDir)).toEqual({ text, namedVolume });
  });

  it('long syntax: named volume, bind mount resolved against the project, read_only as ro', () => {
    expect(toMount({ type: 'volume', source: 'data', target: '/data', read_only: true }, projectDir)).toEqual({
      text: 'data:/data:ro',
      namedVolume: 'data',
    });
    expect(toMount({ type: 'bind', source: '.', target: '/src' }, projectDir)).toEqual({
      text: `${projectDir}:/src:rw`,
      namedVolume: undefined,
    });
    expect(toMount({ type: 'tmpfs', target: '/tmp' }, projectDir)).toEqual({ text: '/tmp' });
  });

  it('refuses a mount it cannot read', () => {
    expect(() => toMount('a:b:c:d', projectDir)).toThrow('volume "a:b:c:d" is not source:target[:mode]');
    expect(() => toMount({ source: 'data' }, projectDir)).toThrow('needs `target`');
  });
});

describe('toComposeConfig', () => {
  const document = {
    services: {
      web: {
        build: { context: '.', args: ['APP=web'] },
        image: 'web',
        environment: ['A=1', 'FROM_ENV', 'NOT_SET'],
        ports: ['127.0.0.1:8080:80'],
        volumes: ['data:/data'],
        depends_on: ['db'],
        healthcheck: { test: 'curl -f http://localhost' },
      },
      db: { image: 'db', healthcheck: { test: ['CMD', 'pg_isready'] } },
      off: { image: 'off', healthcheck: { disable: true } },
    },
    volumes: { data: null },
  };

  it('normalises every service like docker-compose config, sorted by name', () => {
    const config = toComposeConfig(document, context);
    expect(Object.keys(config.services)).toEqual(['db', 'off', 'web']);
    expect(config.volumes).toEqual(['data']);
    expect(config.services['web']).toEqual({
      name: 'web',
      buildArgs: { APP: 'web' },
      environment: { A: '1', FROM_ENV: 'env value' },
      ports: ['127.0.0.1:8080:80/tcp'],
      dependsOn: { db: 'service_started' },
      volumes: ['data:/data:rw'],
      healthcheck: ['CMD-SHELL', 'curl -f http://localhost'],
      image: 'web',
    });
    expect(config.services['db']).toMatchObject({ buildArgs: {}, healthcheck: ['CMD', 'pg_isready'], ports: [] });
    expect(config.services['off']?.healthcheck).toEqual(['NONE']);
  });

  it('keeps the condition of the map form of depends_on', () => {
    const config = toComposeConfig(
      { services: { a: { depends_on: { b: { condition: 'service_healthy' } } }, b: {} } },
      context,
    );
    expect(config.services['a']?.dependsOn).toEqual({ b: 'service_healthy' });
  });

  it('refuses, naming file and path, what compose refuses after the schema', () => {
    expect(() => toComposeConfig({ services: { a: { depends_on: ['missing'] } } }, context)).toThrow(
      'docker-compose.yml: services.a.depends_on: service "missing" is not defined in services',
    );
    expect(() => toComposeConfig({ services: { a: { volumes: ['undeclared:/x'] } } }, context)).toThrow(
      'docker-compose.yml: services.a.volumes[0]: named volume "undeclared" is not declared in volumes',
    );
    expect(() => toComposeConfig({ services: { a: { ports: ['80', '80:x'] } } }, context)).toThrow(
      'docker-compose.yml: services.a.ports[1]: target port "x" is not a port (0-65535) or a range (e.g. 8000-8010)',
    );
  });
});
