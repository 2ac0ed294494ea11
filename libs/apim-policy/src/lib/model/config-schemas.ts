import { z } from 'zod';

/**
 * The JSON files of config/gateway/ (see its README.md). Field names follow APIM's REST model where
 * one exists (`serviceUrl`, `subscriptionRequired`, `subscriptionKeyParameterNames`, `urlTemplate`),
 * so an exported APIM definition maps over by hand without surprises.
 */
const id = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'must be an id of letters, digits, ".", "_" or "-"' });

const httpMethod = z
  .string({ error: 'must be an HTTP method' })
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']));

export const operationSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  method: httpMethod,
  urlTemplate: z
    .string({ error: 'must be a path template such as /resource or /items/{id}' })
    .regex(/^\/[^?#\s]*$/, { error: 'must start with "/" and hold no query, fragment or spaces, e.g. /items/{id}' }),
});

export const apiSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  /** Gateway path suffix (APIM "API URL suffix"), e.g. `echo`; may be empty for a root API. */
  path: z
    .string({ error: 'must be a path suffix such as echo or team/orders' })
    .regex(/^[A-Za-z0-9._~-]*(\/[A-Za-z0-9._~-]+)*$/, {
      error: 'must be a path suffix without leading or trailing "/", e.g. echo or team/orders',
    }),
  /** Backend base URL, e.g. `http://127.0.0.1:3001/api`; `{{named values}}` allowed. */
  serviceUrl: z.string({ error: 'must be the backend base URL, e.g. http://127.0.0.1:3001/api' }).min(1),
  subscriptionRequired: z.boolean().default(true),
  subscriptionKeyParameterNames: z
    .strictObject({
      header: z.string().min(1).default('Ocp-Apim-Subscription-Key'),
      query: z.string().min(1).default('subscription-key'),
    })
    .default({ header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' }),
  /** OpenAPI document shown by the developer portal, relative to config/gateway/. */
  openApi: z.string().min(1).optional(),
  operations: z.array(operationSchema).min(1, { error: 'must list at least one operation' }),
});

export const apisFileSchema = z.strictObject({ $comment: z.unknown().optional(), apis: z.array(apiSchema) });

export const productSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  /** Ids of the APIs this product publishes. */
  apis: z.array(id),
  /** An open product (false) lets requests without a key through in its context (APIM). */
  subscriptionRequired: z.boolean().default(true),
});

export const productsFileSchema = z.strictObject({
  $comment: z.unknown().optional(),
  products: z.array(productSchema),
});

export const subscriptionSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  /** `product:<id>`, `api:<id>` or `all` (every API; APIM's all-access subscription). */
  scope: z
    .string()
    .regex(/^(all|product:[A-Za-z0-9._-]+|api:[A-Za-z0-9._-]+)$/, { error: 'must be all, product:<id> or api:<id>' }),
  state: z.enum(['active', 'suspended', 'cancelled']).default('active'),
  primaryKey: z.string().min(1, { error: 'must not be empty' }),
  secondaryKey: z.string().min(1, { error: 'must not be empty' }),
});

export const subscriptionsFileSchema = z.strictObject({
  $comment: z.unknown().optional(),
  subscriptions: z.array(subscriptionSchema),
});

/** A named value: text, or read from an environment variable (with an optional default). */
export const namedValueSchema = z.union([
  z.string(),
  z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), default: z.string().optional() }),
]);

export const namedValuesFileSchema = z.strictObject({
  $comment: z.unknown().optional(),
  namedValues: z.record(
    z.string().regex(/^[A-Za-z0-9._-]+$/, { error: 'names use letters, digits, ".", "_", "-"' }),
    namedValueSchema,
  ),
});

export type OperationDefinition = z.infer<typeof operationSchema>;
export type ApiDefinition = z.infer<typeof apiSchema>;
export type ProductDefinition = z.infer<typeof productSchema>;
export type SubscriptionDefinition = z.infer<typeof subscriptionSchema>;
