/**
 * What every peer server reads from its environment (set by the bench): where to listen, and the checks every guarded
 * target makes on the same token — issuer, audience, RS256 keys from the identity service's JWKS, and the app role.
 */
export interface PeerConfig {
  readonly port: number;
  readonly issuer: string;
  readonly audiences: string[];
  readonly jwksUri: string;
  readonly role: string;
}

export const PEER_ENV = {
  port: 'BENCH_PEER_PORT',
  issuer: 'BENCH_ISSUER',
  audiences: 'BENCH_AUDIENCES',
  jwksUri: 'BENCH_JWKS_URI',
  role: 'BENCH_ROLE',
} as const;

export function peerPort(env: NodeJS.ProcessEnv = process.env): number {
  const port = Number(env[PEER_ENV.port]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${PEER_ENV.port} must be a port number.`);
  return port;
}

export function peerConfig(env: NodeJS.ProcessEnv = process.env): PeerConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set (the bench sets it when it starts this peer).`);
    return value;
  };
  return {
    port: peerPort(env),
    issuer: required(PEER_ENV.issuer),
    audiences: required(PEER_ENV.audiences).split(','),
    jwksUri: required(PEER_ENV.jwksUri),
    role: required(PEER_ENV.role),
  };
}

/** The body every guarded target answers, shaped like protected-api's `GET /resource`. */
export function resourceEcho(path: string, query: unknown, claims: Record<string, unknown>) {
  return {
    method: 'GET',
    path,
    query,
    body: null,
    caller: {
      clientId: claims['azp'] ?? claims['appid'],
      tokenVersion: claims['ver'],
      roles: Array.isArray(claims['roles']) ? claims['roles'] : [],
    },
  };
}
