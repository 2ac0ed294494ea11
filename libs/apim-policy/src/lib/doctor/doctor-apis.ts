/**
 * The token policies per API and operation of a gateway definition (decision 016): the global and API `<inbound>`
 * policies every call meets, and each operation that adds a check of its own or answers with `return-response`
 * before `<base />` (then it checks no token). Product policies are left out: they depend on the subscription, not
 * on the API.
 */
import type { ImportOptions } from '@stack/claim-policy';
import type { GatewayDefinition } from '../model/gateway-definition';
import {
  answersBeforeBase,
  tokenPolicyTargets,
  type ScopedTarget,
  type TokenPolicyOptions,
  type UncheckedPolicy,
} from './token-policy-targets';

/** One operation that adds token checks, or that answers before the API's checks run. */
export interface DoctorOperation {
  readonly id: string;
  readonly name: string;
  readonly method: string;
  readonly urlTemplate: string;
  readonly targets: readonly ScopedTarget[];
  readonly unchecked: readonly UncheckedPolicy[];
  /** True when its `<inbound>` answers (return-response) before `<base />`: no token is checked there. */
  readonly answersBeforeBase: boolean;
}

/** One API: the checks every call meets, and the operations that differ. */
export interface DoctorApi {
  readonly id: string;
  readonly name: string;
  /** e.g. `/echo` */
  readonly path: string;
  readonly targets: readonly ScopedTarget[];
  readonly unchecked: readonly UncheckedPolicy[];
  readonly operations: readonly DoctorOperation[];
}

export type DoctorDefinition = Pick<GatewayDefinition, 'apis' | 'namedValues' | 'policies'>;

/**
 * Every API's token targets. Never throws for a policy that cannot be imported: it becomes `unchecked` (the portal,
 * over the definition the gateway already compiled).
 */
export function doctorApis(definition: DoctorDefinition, entra: ImportOptions['entra'] = {}): DoctorApi[] {
  const { policies } = definition;
  const options: TokenPolicyOptions = { namedValues: definition.namedValues, entra, fragments: policies.fragments };
  return definition.apis.map((api): DoctorApi => {
    const broader = tokenPolicyTargets([policies.global, policies.apis.get(api.id)], '', options);
    const operations = api.operations.flatMap((operation): DoctorOperation[] => {
      const source = policies.operations.get(`${api.id}/${operation.id}`);
      if (!source) return [];
      const answers = answersBeforeBase(source);
      const own = tokenPolicyTargets([source], `${operation.id}: `, options);
      if (!answers && own.targets.length === 0 && own.unchecked.length === 0) return [];
      return [
        {
          id: operation.id,
          name: operation.name ?? operation.id,
          method: operation.method.toUpperCase(),
          urlTemplate: operation.urlTemplate,
          answersBeforeBase: answers,
          ...own,
        },
      ];
    });
    return {
      id: api.id,
      name: api.name ?? api.id,
      path: `/${api.path.replace(/^\/+|\/+$/g, '')}`,
      ...broader,
      operations,
    };
  });
}

/**
 * The token policies one call to an API (and operation) meets, in order: global, the API's, then the operation's;
 * all must pass. An operation that answers before `<base />` meets only its own. Throws for a document or policy
 * that cannot be read (the CLI reports it); the caller checks that the API and operation exist.
 */
export function callTokenTargets(
  definition: DoctorDefinition,
  apiId: string,
  operationId: string | undefined,
  entra: ImportOptions['entra'],
): ScopedTarget[] {
  const { policies } = definition;
  const options: TokenPolicyOptions = {
    namedValues: definition.namedValues,
    entra,
    fragments: policies.fragments,
    strict: true,
  };
  const operation = operationId === undefined ? undefined : policies.operations.get(`${apiId}/${operationId}`);
  const broader = operation && answersBeforeBase(operation, options) ? [] : [policies.global, policies.apis.get(apiId)];
  const prefix = `${apiId}${operationId ? ` ${operationId}` : ''}: `;
  return tokenPolicyTargets([...broader, operation], prefix, options).targets;
}
