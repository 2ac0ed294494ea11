/**
 * The doctor's table of protected-api's route roles against the controllers themselves (read as text: tools may not
 * import apps), so a new @Roles or route is not silently missing from `npm run doctor -- --url http://localhost:3000/…`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../stack/services';
import { PROTECTED_API_ROUTES } from './protected-api-target';

interface Route {
  readonly method: string;
  readonly path: string;
  readonly roles: readonly string[];
  readonly scopes?: readonly string[];
}

/** `['A', 'B']` → `A`, `B`. */
const names = (list: string | undefined) => [...(list ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);

/** `@Controller('x')`, then per handler the `@Roles(...)` or `@RolesOrScopes(...)` before its `@Get()`/`@Post()`…, constants resolved. */
function controllerRoutes(source: string): Route[] {
  const base = /@Controller\('([^']*)'\)/.exec(source)?.[1];
  if (base === undefined) return [];
  const constants = new Map([...source.matchAll(/export const (\w+) = '([^']+)'/g)].map((m) => [m[1], m[2]]));
  const routes: Route[] = [];
  let pending: string[] = [];
  let pendingScopes: string[] = [];
  for (const line of source.split('\n')) {
    const either = /@RolesOrScopes\(\{\s*roles:\s*\[([^\]]*)\],\s*scopes:\s*\[([^\]]*)\]\s*\}\)/.exec(line);
    if (either) {
      pending = names(either[1]);
      pendingScopes = names(either[2]);
    }
    const roles = /@Roles\(([^)]*)\)/.exec(line);
    if (roles) {
      pending = roles[1].split(',').map((part) => {
        const value = part.trim();
        return /^'.*'$/.test(value) ? value.slice(1, -1) : (constants.get(value) ?? value);
      });
    }
    const verb = /@(Get|Post|Put|Delete|Patch)\(\s*(?:'([^']*)')?\s*\)/.exec(line);
    if (verb) {
      const path = `/${[base, verb[2]].filter(Boolean).join('/')}`;
      routes.push({ method: verb[1].toUpperCase(), path, roles: pending, scopes: pendingScopes });
      pending = [];
      pendingScopes = [];
    }
  }
  return routes;
}

it('lists every protected route of protected-api with the roles its controller requires', () => {
  const src = join(repoRoot, 'apps', 'protected-api', 'src');
  const controllers = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.controller.ts'),
  );
  const routes = controllers
    .flatMap((file) => controllerRoutes(readFileSync(join(src, file), 'utf8')))
    .filter((route) => !route.path.startsWith('/health'));
  const table = PROTECTED_API_ROUTES.filter((route) => route.method !== 'HEAD');
  const key = (route: Route) =>
    `${route.method} ${route.path} [${route.roles.join(',')}] [${(route.scopes ?? []).join(',')}]`;
  expect(routes.map(key).sort()).toEqual(table.map(key).sort());
});
