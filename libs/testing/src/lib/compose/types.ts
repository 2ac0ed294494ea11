/** One service of the resolved compose file. */
export interface ComposeService {
  readonly name: string;
  /** `build.args`, e.g. `{ APP: 'worker' }`; empty for image-only services such as Redis. */
  readonly buildArgs: Readonly<Record<string, string>>;
  /** The variables the container gets. Variables compose leaves unset (passed through but not defined) are absent. */
  readonly environment: Readonly<Record<string, string>>;
  /** Published ports as `[host_ip:][published:]target/protocol`, e.g. `127.0.0.1:3000:3000/tcp`. */
  readonly ports: readonly string[];
  /** `depends_on`: service name to condition (`service_healthy`, `service_started`). */
  readonly dependsOn: Readonly<Record<string, string>>;
  /** Volume mounts as `source:target:mode` (mode `rw` or `ro`); just `target` for an anonymous volume. */
  readonly volumes: readonly string[];
  /** The health check command (a string `test` becomes `['CMD-SHELL', test]`), when the service declares one. */
  readonly healthcheck?: readonly string[];
  readonly image?: string;
}

/** The resolved compose file. */
export interface ComposeConfig {
  readonly services: Readonly<Record<string, ComposeService>>;
  /** Names of the top-level named volumes. */
  readonly volumes: readonly string[];
}
