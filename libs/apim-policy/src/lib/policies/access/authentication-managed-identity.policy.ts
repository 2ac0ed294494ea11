import { PolicyFailure, type PolicyDefinition } from '../policy-step';
import { booleanType, optionalName, optionalTyped } from '../typed-attribute';

/**
 * `authentication-managed-identity`: gets an access token for `resource` from the gateway's own identity
 * (`services.managedIdentity`; a user-assigned one with `client-id`) and sends it to the backend as
 * `Authorization: Bearer …`, or stores it in `output-token-variable-name` instead. Without a token the request fails
 * (500) unless `ignore-error="true"`.
 */
export const authenticationManagedIdentityPolicy: PolicyDefinition = {
  name: 'authentication-managed-identity',
  sections: ['inbound'],
  compile(element, context) {
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
    return {
      location: context.locate(element),
      async run(ctx) {
        const target = resource.evaluate(ctx).trim();
        let token: string;
        try {
          token = await source.getToken(target, clientId);
        } catch (error) {
          if (ignoreError.evaluate(ctx)) return;
          throw new PolicyFailure(
            500,
            'Internal server error',
            'authentication-managed-identity',
            'ManagedIdentityTokenNotObtained',
            {},
            { cause: `no managed identity token for ${target}: ${(error as Error).message}` },
          );
        }
        if (outputVariable) ctx.variables.set(outputVariable, token);
        else ctx.request.headers.set('Authorization', [`Bearer ${token}`]);
      },
    };
  },
};
