/**
 * The generated protected services (config/stack/services.json): the list `nx g @stack/tools:protected-service`
 * appends to, read by the launcher, the local defaults, the demo and the OpenAPI tool.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const serviceSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'must be an Nx project name in kebab-case' }),
  envPrefix: z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'must be UPPER_SNAKE_CASE, e.g. REPORTS_API' }),
  defaultPort: z.number().int().min(1).max(65535),
  registration: z.string().min(1),
  gatewayPath: z.string().min(1),
  roles: z.array(z.string().min(1)).min(1),
});

const fileSchema = z.object({ services: z.array(serviceSchema) });

/** One generated protected service. */
export type ProtectedService = z.infer<typeof serviceSchema>;

/** Where the list lives, relative to the repository root. */
export const PROTECTED_SERVICES_FILE = join('config', 'stack', 'services.json');

const repoRoot = join(__dirname, '..', '..');

/** @throws Error naming the file and each bad field. */
export function readProtectedServices(root: string = repoRoot): readonly ProtectedService[] {
  const file = join(root, PROTECTED_SERVICES_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${PROTECTED_SERVICES_FILE}: cannot read it as JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new Error(`${PROTECTED_SERVICES_FILE}: invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data.services;
}

/** The gateway's named-value variable for the service's backend URL (config/gateway/named-values.json). */
export function gatewayUrlEnvOf(service: ProtectedService): string {
  return `GATEWAY_${service.envPrefix}_URL`;
}
