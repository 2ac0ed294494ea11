import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import { isExpression } from '../../expressions';
import { ExpressionEvaluationError } from '../../expressions/compiled-expression';
import type { PolicyCompileContext, PolicyDefinition } from '../policy-step';

/** The client certificate a request should present to its backend (PFX/PKCS#12 bytes and password). */
export interface BackendClientCertificate {
  readonly pfx: Buffer;
  readonly passphrase?: string;
}

const certificates = new WeakMap<GatewayContext, BackendClientCertificate>();

/** What `authentication-certificate body=…` chose for this request; the forwarder presents it to the backend. */
export function backendClientCertificate(context: GatewayContext): BackendClientCertificate | undefined {
  return certificates.get(context);
}

/**
 * Compiles an `authentication-certificate` element (top level, or inside send-request / send-one-way-request) into a
 * function giving the client certificate for a request. This gateway has no certificate store, so `thumbprint` and
 * `certificate-id` are refused at load; `body` (a policy expression giving the certificate as byte[], PFX) with an
 * optional `password` is supported. An expression that gives no bytes fails the request as an expression error.
 */
export function compileClientCertificate(
  element: PolicyElement,
  context: PolicyCompileContext,
): (ctx: GatewayContext) => BackendClientCertificate {
  context.expectAttributes(element, ['thumbprint', 'certificate-id', 'body', 'password']);
  context.expectChildren(element, []);
  for (const attribute of ['thumbprint', 'certificate-id']) {
    if (element.attributes[attribute] !== undefined) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        `this gateway has no certificate store for ${attribute}="…" to look up; give the certificate itself: body="@(…byte[] of a PFX…)" and password="{{…}}".`,
        { attribute },
      );
    }
  }
  const body = element.attributes['body'];
  if (body === undefined) {
    throw context.error(
      'POLICY_MISSING_ATTRIBUTE',
      element,
      'needs body="@(…)", a policy expression giving the client certificate as byte[] (PFX), e.g. from a named value with Convert.FromBase64String.',
      { attribute: 'body' },
    );
  }
  if (!isExpression(body)) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      'body must be a policy expression giving byte[], e.g. body="@(Convert.FromBase64String(&quot;{{backend-cert}}&quot;))".',
      { attribute: 'body' },
    );
  }
  // attribute() substitutes {{named values}}; the expression itself is compiled again for its raw (byte[]) value.
  const certificate = context.expression(context.attribute(element, 'body', { required: true }).raw, element, 'body');
  const password = context.attribute(element, 'password');
  return (ctx) => {
    const value = certificate.evaluate(ctx);
    if (!(value instanceof Uint8Array) || value.length === 0) {
      throw new ExpressionEvaluationError(
        '<authentication-certificate> attribute "body": the expression must give the certificate as a non-empty byte[].',
        certificate.source,
      );
    }
    return { pfx: Buffer.from(value), passphrase: password?.evaluate(ctx) };
  };
}

/**
 * `authentication-certificate`: the backend call authenticates with a client certificate (see
 * {@link compileClientCertificate}); the gateway's forwarder reads it with {@link backendClientCertificate}.
 */
export const authenticationCertificatePolicy: PolicyDefinition = {
  name: 'authentication-certificate',
  sections: ['inbound'],
  compile(element, context) {
    const certificateFor = compileClientCertificate(element, context);
    return {
      location: context.locate(element),
      run(ctx) {
        certificates.set(ctx, certificateFor(ctx));
      },
    };
  },
};
