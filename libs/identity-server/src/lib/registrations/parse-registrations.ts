/**
 * Validates registrations (from the file or an object) and reports every problem with the path of the bad field,
 * e.g. `clients[1].secrets[0].expiresAt: Invalid ISO date`.
 */
import { z } from 'zod';
import { registrationsSchema, type Registrations } from './registrations.schema';

/** One validation problem: where (`clients[1].appId`) and what. */
export interface RegistrationsIssue {
  readonly path: string;
  readonly message: string;
}

/** Thrown when registrations are invalid; the message lists every issue, one per line. */
export class RegistrationsError extends Error {
  override readonly name = 'RegistrationsError';
  constructor(
    readonly source: string,
    readonly issues: readonly RegistrationsIssue[],
  ) {
    super(
      `Invalid registrations in ${source}:\n${issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`,
    );
  }
}

/** Formats a zod path as `clients[1].secrets[0].expiresAt`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Validates registrations given as an object (e.g. parsed JSON).
 * @param source where they came from, for the error message (a file path, or "registrations option").
 * @throws RegistrationsError naming every bad field.
 */
export function parseRegistrations(input: unknown, source = 'registrations'): Registrations {
  const result = registrationsSchema.superRefine(checkReferences).safeParse(input);
  if (!result.success) {
    throw new RegistrationsError(
      source,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  return result.data;
}

function checkReferences(value: Registrations, ctx: z.RefinementCtx): void {
  const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  const appIds = new Map<string, string>();
  const objectIds = new Map<string, string>();
  const claim = (map: Map<string, string>, id: string, path: PropertyKey[], what: string) => {
    const key = id.toLowerCase();
    const previous = map.get(key);
    if (previous) problem(path, `Duplicate ${what} ${id}, already used by ${previous}`);
    else map.set(key, formatPath(path.slice(0, 2)));
  };

  const identifierUris = new Map<string, string>();
  value.apis.forEach((api, i) => {
    claim(appIds, api.appId, ['apis', i, 'appId'], 'appId');
    claim(objectIds, api.objectId, ['apis', i, 'objectId'], 'objectId');
    api.identifierUris.forEach((uri, j) => {
      const key = uri.replace(/\/+$/, '').toLowerCase();
      if (identifierUris.has(key)) problem(['apis', i, 'identifierUris', j], `Duplicate identifier URI ${uri}`);
      identifierUris.set(key, api.appId);
      if (/\/\.default$/i.test(uri))
        problem(['apis', i, 'identifierUris', j], 'An identifier URI must not end in /.default');
    });
    const roleValues = new Set<string>();
    api.appRoles.forEach((role, j) => {
      if (roleValues.has(role.value)) problem(['apis', i, 'appRoles', j, 'value'], `Duplicate app role ${role.value}`);
      roleValues.add(role.value);
    });
  });

  const generatedNames = new Set<string>();
  value.clients.forEach((client, i) => {
    claim(appIds, client.appId, ['clients', i, 'appId'], 'appId');
    claim(objectIds, client.objectId, ['clients', i, 'objectId'], 'objectId');
    client.certificates.forEach((cert, j) => {
      const sources = [cert.generated, cert.pemFile, cert.pem].filter((source) => source !== undefined);
      if (sources.length !== 1) {
        problem(['clients', i, 'certificates', j], 'Give exactly one of "generated", "pemFile" or "pem"');
      }
      if (cert.generated !== undefined) {
        if (generatedNames.has(cert.generated)) {
          problem(
            ['clients', i, 'certificates', j, 'generated'],
            `Duplicate generated certificate name ${cert.generated}`,
          );
        }
        generatedNames.add(cert.generated);
      }
    });
  });

  value.roleAssignments.forEach((assignment, i) => {
    const client = value.clients.find((c) => c.appId.toLowerCase() === assignment.client.toLowerCase());
    if (!client) problem(['roleAssignments', i, 'client'], `No client app with appId ${assignment.client} in clients`);
    const api = value.apis.find((a) => a.appId.toLowerCase() === assignment.api.toLowerCase());
    if (!api) {
      problem(['roleAssignments', i, 'api'], `No API app with appId ${assignment.api} in apis`);
      return;
    }
    const defined = api.appRoles.map((role) => role.value);
    assignment.roles.forEach((role, j) => {
      if (!defined.includes(role)) {
        problem(
          ['roleAssignments', i, 'roles', j],
          `Role '${role}' isn't defined on API '${api.displayName}' (defined: ${defined.join(', ') || 'none'})`,
        );
      }
    });
  });
}
