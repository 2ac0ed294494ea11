/** Options of `nx g @stack/tools:protected-service` (schema.json). */
export interface ProtectedServiceSchema {
  /** Nx project name in kebab-case, e.g. `reports-api`. */
  name: string;
  /** App roles, comma-separated: GET needs the first, POST the second (or the first again). */
  roles: string;
  /** Default port; default the first free one from 3010. */
  port?: number;
  /** accessTokenAcceptedVersion of the API app registration; default 2. */
  tokenVersion?: 1 | 2;
  /** Skip Prettier on the written files (unit specs: Jest cannot load Prettier the way Nx does). */
  skipFormat?: boolean;
}
