/**
 * The registrations file: tenant, API apps (app roles, delegated scopes, pre-authorized clients, token version),
 * client apps (secrets, certificates, redirect URIs per platform), app role assignments to clients and to users or
 * groups, users, groups and delegated permission grants, shaped after Entra's app manifest and Graph. Cross-field rules (unique ids, assignments that name real
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

/** An app role an API exposes (`appRoles[]` in the manifest), to applications, users and groups, or both. */
export const appRoleSchema = z
  .object({
    value: z.string().regex(/^[^\s,]+$/, 'An app role value is one word without spaces or commas, e.g. Echo.Read'),
    id: guid.optional(),
    displayName: z.string().optional(),
    description: z.string().optional(),
    /** Who may hold it: `Application` (app permissions), `User` (users and groups). Default: both. */
    allowedMemberTypes: z
      .array(z.enum(['Application', 'User']))
      .min(1)
      .default(['Application', 'User']),
  })
  .strict();

/** A delegated permission an API exposes (`oauth2PermissionScopes[]` / "Expose an API" → scopes). */
export const permissionScopeSchema = z
  .object({
    value: z
      .string()
      .regex(/^[^\s,/]+$/, 'A scope value is one word without spaces, commas or slashes, e.g. Echo.Read.User'),
    id: guid,
    /** `User`: users may consent themselves; `Admin`: only an admin consent (a grant) makes it usable. */
    type: z.enum(['User', 'Admin']).default('User'),
    adminConsentDisplayName: z.string().min(1),
    adminConsentDescription: z.string().optional(),
    userConsentDisplayName: z.string().optional(),
    userConsentDescription: z.string().optional(),
    isEnabled: z.boolean().default(true),
  })
  .strict();

/** A client the API trusts for some of its scopes (`api.preAuthorizedApplications[]`): no consent prompt. */
export const preAuthorizedApplicationSchema = z
  .object({
    appId: guid,
    /** Ids of this API's `oauth2PermissionScopes`. */
    delegatedPermissionIds: z.array(guid).min(1),
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
    oauth2PermissionScopes: z.array(permissionScopeSchema).default([]),
    preAuthorizedApplications: z.array(preAuthorizedApplicationSchema).default([]),
    notes,
  })
  .strict();

/**
 * Redirect URIs by platform, as in the portal's Authentication blade. The platform decides the client type at the
 * token endpoint: `web` redeems with a credential; `spa` and `publicClient` are public clients (no credential, PKCE),
 * and `spa` codes are redeemed cross-origin only (with CORS).
 */
export const redirectUrisSchema = z
  .object({
    web: z.array(z.string().min(1)).default([]),
    spa: z.array(z.string().min(1)).default([]),
    publicClient: z.array(z.string().min(1)).default([]),
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
    /** Where the authorization endpoint may send codes, per platform. */
    redirectUris: redirectUrisSchema.default({ web: [], spa: [], publicClient: [] }),
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

/** A directory user who can sign in on the local sign-in page (no password: local development only). */
export const userSchema = z
  .object({
    displayName: z.string().min(1),
    userPrincipalName: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'Expected a UPN like adele@stack.local'),
    objectId: guid,
    givenName: z.string().min(1).optional(),
    surname: z.string().min(1).optional(),
    mail: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, 'Expected an e-mail address')
      .optional(),
    notes,
  })
  .strict();

/** A security group and its members (user object ids). */
export const groupSchema = z
  .object({
    displayName: z.string().min(1),
    objectId: guid,
    members: z.array(guid).default([]),
    notes,
  })
  .strict();

/** App roles of an API assigned to a user or a group (`appRoleAssignedTo` with principalType User/Group). */
export const userRoleAssignmentSchema = z
  .object({
    /** Object id of a user or a group; a group's members hold its roles. */
    principal: guid,
    /** The API's appId. */
    api: guid,
    roles: z.array(z.string().min(1)).min(1),
  })
  .strict();

/**
 * A delegated permission grant (`oauth2PermissionGrants`): `AllPrincipals` is an admin consent for every user;
 * `Principal` records one user's consent ahead of time.
 */
export const permissionGrantSchema = z
  .object({
    /** The client's appId. */
    client: guid,
    /** The API's appId. */
    api: guid,
    /** Scope values of the API, e.g. `Echo.Read.User`. */
    scopes: z.array(z.string().min(1)).min(1),
    consentType: z.enum(['AllPrincipals', 'Principal']).default('AllPrincipals'),
    /** The user's object id, for `Principal` grants only. */
    principal: guid.optional(),
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
    users: z.array(userSchema).default([]),
    groups: z.array(groupSchema).default([]),
    userRoleAssignments: z.array(userRoleAssignmentSchema).default([]),
    oauth2PermissionGrants: z.array(permissionGrantSchema).default([]),
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
export type PermissionScope = ApiApp['oauth2PermissionScopes'][number];
export type RedirectUris = ClientApp['redirectUris'];
export type RedirectPlatform = keyof RedirectUris;
export type DirectoryUser = Registrations['users'][number];
export type DirectoryGroup = Registrations['groups'][number];
export type UserRoleAssignment = Registrations['userRoleAssignments'][number];
export type PermissionGrant = Registrations['oauth2PermissionGrants'][number];
