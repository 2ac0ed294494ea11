/**
 * The registrations file: tenant, API apps (app roles, token version), client apps (secrets, certificates) and
 * role assignments, shaped after Entra's app manifest. Cross-field rules (unique ids, assignments that name real
 * apps and roles, exactly one certificate source) live in `parse-registrations.ts`.
 */
import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
/** File-name-safe name for a generated client certificate: `<dataDir>/clients/<name>.pem`. */
const CERT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const guid = z.string().regex(GUID, 'Expected a GUID like 0f5a3e9c-1b2d-4c3e-8f70-9a1b2c3d4e5f');

const isoDate = z
  .string()
  .refine((value) => ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)), 'Invalid ISO date')
  .transform((value) => new Date(value));

const notes = z.union([z.string(), z.array(z.string())]).optional();

/** An app role an API exposes to applications (`appRoles[]` in the manifest). */
export const appRoleSchema = z
  .object({
    value: z.string().regex(/^[^\s,]+$/, 'An app role value is one word without spaces or commas, e.g. Echo.Read'),
    id: guid.optional(),
    displayName: z.string().optional(),
    description: z.string().optional(),
  })
  .strict();

/** An API (resource) app registration with its service principal. */
export const apiAppSchema = z
  .object({
    displayName: z.string().min(1),
    appId: guid,
    /** Object id of the API's service principal. */
    objectId: guid,
    /** App ID URIs; the first is the one shown as "Application ID URI". */
    identifierUris: z.array(z.string().min(1)).default([]),
    /** Manifest `accessTokenAcceptedVersion`: null or 1 issue v1.0 tokens, 2 issues v2.0 tokens. */
    accessTokenAcceptedVersion: z.union([z.literal(1), z.literal(2), z.null()]).default(null),
    /** Service principal "Assignment required?": a client without a role gets no token (AADSTS501051). */
    appRoleAssignmentRequired: z.boolean().default(false),
    appRoles: z.array(appRoleSchema).default([]),
    notes,
  })
  .strict();

/** A client secret (password credential). Plain text: this file is for local development only. */
export const clientSecretSchema = z
  .object({
    displayName: z.string().optional(),
    value: z.string().min(1),
    expiresAt: isoDate,
  })
  .strict();

/**
 * A certificate credential, from exactly one source: `generated` (created by the service at first start as
 * `<dataDir>/clients/<name>.pem` + `.key`), `pemFile` (path, relative to the registrations file) or `pem` (inline).
 */
export const clientCertificateSchema = z
  .object({
    displayName: z.string().optional(),
    generated: z.string().regex(CERT_NAME, 'Use letters, digits, ".", "_" or "-" (it becomes a file name)').optional(),
    pemFile: z.string().min(1).optional(),
    pem: z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'Expected a PEM certificate' }).optional(),
  })
  .strict();

/** A client (daemon) app registration with its service principal and credentials. */
export const clientAppSchema = z
  .object({
    displayName: z.string().min(1),
    appId: guid,
    /** Object id of the client's service principal: the `oid` and `sub` of its app tokens. */
    objectId: guid,
    secrets: z.array(clientSecretSchema).default([]),
    certificates: z.array(clientCertificateSchema).default([]),
    notes,
  })
  .strict();

/** App roles of one API granted (admin-consented) to one client. */
export const roleAssignmentSchema = z
  .object({
    /** The client's appId. */
    client: guid,
    /** The API's appId. */
    api: guid,
    roles: z.array(z.string().min(1)).min(1),
  })
  .strict();

/** The tenant the service impersonates. */
export const tenantSchema = z
  .object({
    id: guid,
    /** Verified domain, usable instead of the GUID in URLs, e.g. `stack.local`. */
    domain: z.string().regex(DOMAIN, 'Expected a domain name like stack.local'),
    displayName: z.string().min(1).default('Local development tenant'),
  })
  .strict();

/** The whole registrations file. */
export const registrationsSchema = z
  .object({
    $schema: z.string().optional(),
    $comment: notes,
    tenant: tenantSchema,
    apis: z.array(apiAppSchema),
    clients: z.array(clientAppSchema),
    roleAssignments: z.array(roleAssignmentSchema).default([]),
  })
  .strict();

/** Registrations as written in the file (dates as ISO strings, defaults optional). */
export type RegistrationsInput = z.input<typeof registrationsSchema>;
/** Validated registrations (dates parsed, defaults applied). */
export type Registrations = z.output<typeof registrationsSchema>;
export type TenantRegistration = Registrations['tenant'];
export type ApiApp = Registrations['apis'][number];
export type AppRole = ApiApp['appRoles'][number];
export type ClientApp = Registrations['clients'][number];
export type ClientSecret = ClientApp['secrets'][number];
export type ClientCertificateRef = ClientApp['certificates'][number];
export type RoleAssignment = Registrations['roleAssignments'][number];
