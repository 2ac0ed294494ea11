import type { ApiDefinition, ProductDefinition, SubscriptionDefinition } from './config-schemas';

/** Policy XML of one scope, as read from disk. */
export interface PolicySource {
  /** Path shown in messages, relative to the working directory. */
  readonly file: string;
  readonly xml: string;
}

/** Everything in config/gateway/, validated and cross-checked, named values resolved in JSON fields. */
export interface GatewayDefinition {
  readonly namedValues: Readonly<Record<string, string>>;
  readonly apis: readonly ApiDefinition[];
  readonly products: readonly ProductDefinition[];
  readonly subscriptions: readonly SubscriptionDefinition[];
  readonly policies: {
    readonly global?: PolicySource;
    readonly products: ReadonlyMap<string, PolicySource>;
    readonly apis: ReadonlyMap<string, PolicySource>;
    /** Keyed `<api id>/<operation id>`. */
    readonly operations: ReadonlyMap<string, PolicySource>;
    /** Policy fragments by id (`fragments/<id>.xml`, a `<fragment>` root), for include-fragment. */
    readonly fragments?: ReadonlyMap<string, PolicySource>;
  };
  /** OpenAPI documents by API id (from each API's `openApi` file). */
  readonly openApiDocuments: ReadonlyMap<string, Record<string, unknown>>;
}
