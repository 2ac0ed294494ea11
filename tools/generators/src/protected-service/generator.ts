import { formatFiles, generateFiles, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { addGatewayApi } from './gateway';
import { normalizeOptions, refuseExisting } from './options';
import { addRegistration } from './registration';
import type { ProtectedServiceSchema } from './schema';
import { addComposeService, addEnvExampleSection, addStackEntries } from './stack-entries';

/**
 * `nx g @stack/tools:protected-service <name> --roles A.Read,A.Write [--port N] [--token-version 1|2]`: a NestJS API in
 * the house style of apps/protected-api, its app registration and role assignments, its gateway API with policies,
 * named values, product links and OpenAPI document, and its entries in npm start, the demo, docker-compose.yml and
 * .env.example. Refuses to run twice. `--dry-run` (Nx's) lists the files without writing them.
 */
export async function protectedServiceGenerator(tree: Tree, schema: ProtectedServiceSchema): Promise<void> {
  const options = normalizeOptions(tree, schema);
  refuseExisting(tree, options);
  generateFiles(tree, join(__dirname, 'files'), options.projectRoot, { ...options, tmpl: '' });
  const registration = addRegistration(tree, options);
  addGatewayApi(tree, options, registration);
  addStackEntries(tree, options);
  addComposeService(tree, options, registration);
  addEnvExampleSection(tree, options, registration);
  if (!schema.skipFormat) await formatFiles(tree);
}

export default protectedServiceGenerator;
