import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import type { PolicyCompileContext, PolicyDefinition } from '../policy-step';

/**
 * Compiles an `authentication-basic` element (top level, or inside send-request / send-one-way-request) into the
 * Authorization header value it gives: `Basic base64(username:password)`, UTF-8 bytes as .NET's Encoding.UTF8 in APIM.
 * Both values may be expressions or {{named values}}; a constant user name with ":" is a load error.
 */
export function compileBasicCredential(
  element: PolicyElement,
  context: PolicyCompileContext,
): (ctx: GatewayContext) => string {
  context.expectAttributes(element, ['username', 'password']);
  context.expectChildren(element, []);
  const username = context.attribute(element, 'username', { required: true });
  const password = context.attribute(element, 'password', { required: true });
  if (username.isConstant && username.raw.includes(':')) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      'a Basic user name cannot contain ":" (it separates user name and password); fix the user name.',
      { attribute: 'username' },
    );
  }
  return (ctx) =>
    `Basic ${Buffer.from(`${username.evaluate(ctx)}:${password.evaluate(ctx)}`, 'utf8').toString('base64')}`;
}

/** `authentication-basic`: sets the request's Authorization header for the backend (see {@link compileBasicCredential}). */
export const authenticationBasicPolicy: PolicyDefinition = {
  name: 'authentication-basic',
  sections: ['inbound'],
  compile(element, context) {
    const credential = compileBasicCredential(element, context);
    return {
      location: context.locate(element),
      run(ctx) {
        ctx.request.headers.set('Authorization', [credential(ctx)]);
      },
    };
  },
};
