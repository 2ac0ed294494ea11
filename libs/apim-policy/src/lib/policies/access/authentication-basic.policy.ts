import type { PolicyDefinition } from '../policy-step';

/**
 * `authentication-basic`: sets the request's Authorization header to `Basic base64(username:password)` for the
 * backend (UTF-8, as .NET's Encoding.UTF8 in APIM). Both values may be expressions or {{named values}}.
 */
export const authenticationBasicPolicy: PolicyDefinition = {
  name: 'authentication-basic',
  sections: ['inbound'],
  compile(element, context) {
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
    return {
      location: context.locate(element),
      run(ctx) {
        const credentials = Buffer.from(`${username.evaluate(ctx)}:${password.evaluate(ctx)}`, 'utf8').toString(
          'base64',
        );
        ctx.request.headers.set('Authorization', [`Basic ${credentials}`]);
      },
    };
  },
};
