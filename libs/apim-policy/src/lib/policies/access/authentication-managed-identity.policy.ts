import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import { PolicyFailure, type PolicyCompileContext, type PolicyDefinition } from '../policy-step';
import { booleanType, optionalName, optionalTyped } from '../typed-attribute';

/**
 * Compiles an `authentication-managed-identity` element (top level, or inside send-request / send-one-way-request)
 * into a function that gets an access token for `resource` from the gateway's own identity
 * (`services.managedIdentity`; a user-assigned one with `client-id`). It resolves to the token for the Authorization
 * header, or to undefined when there is none to set: the token went to `output-token-variable-name` instead, or none
 * was obtained and `ignore-error="true"`. Without a token and without ignore-error it rejects with a 500
 * PolicyFailure (LastError source `authentication-managed-identity`, reason `ManagedIdentityTokenNotObtained`).
 */
export function compileManagedIdentityToken(
  element: PolicyElement,
  context: PolicyCompileContext,
): (ctx: GatewayContext) => Promise<string | undefined> {
  context.expectAttributes(element, ['resource', 'client-id', 'output-token-variable-name', 'ignore-error']);
  context.expectChildren(element, []);
  const source = context.services.managedIdentity;
  if (!source) {
    throw context.error(
      'POLICY_UNKNOWN_ELEMENT',
      element,
      'this gateway has no managed identity; pass services.managedIdentity (the gateway uses its own app registration: GATEWAY_MANAGED_IDENTITY_CLIENT_ID and _SECRET).',
    );
  }
  const resource = context.attribute(element, 'resource', { required: true });
  const clientId = optionalName(context, element, 'client-id');
  const outputVariable = optionalName(context, element, 'output-token-variable-name');
  const ignoreError = optionalTyped(context, element, 'ignore-error', booleanType, false);
  return async (ctx) => {
    const target = resource.evaluate(ctx).trim();
    let token: string;
    try {
      token = await source.getToken(target, clientId);
    } catch (error) {
      if (ignoreError.evaluate(ctx)) return undefined;
      throw new PolicyFailure(
        500,
        'Internal server error',
        'authentication-managed-identity',
        'ManagedIdentityTokenNotObtained',
        {},
        { cause: `no managed identity token for ${target}: ${(error as Error).message}` },
      );
    }
    if (!outputVariable) return token;
    ctx.variables.set(outputVariable, token);
    return undefined;
  };
}

/**
 * `authentication-managed-identity`: sends the gateway identity's token for `resource` to the backend as
 * `Authorization: Bearer …`, or stores it in `output-token-variable-name` instead (see
 * {@link compileManagedIdentityToken}).
 */
export const authenticationManagedIdentityPolicy: PolicyDefinition = {
  name: 'authentication-managed-identity',
  sections: ['inbound'],
  compile(element, context) {
    const tokenFor = compileManagedIdentityToken(element, context);
    return {
      location: context.locate(element),
      async run(ctx) {
        const token = await tokenFor(ctx);
        if (token !== undefined) ctx.request.headers.set('Authorization', [`Bearer ${token}`]);
      },
    };
  },
};
