import { PolicyFailure } from '../policy-step';

/**
 * A body the conversion policies cannot read: the client's fault for a request (400), the gateway's
 * for a response (500). LastError.Source is the policy, Reason `InvalidJson` / `InvalidXml`.
 */
export function conversionFailure(
  policy: 'json-to-xml' | 'xml-to-json',
  side: 'request' | 'response',
  problem: string,
): PolicyFailure {
  const reason = policy === 'json-to-xml' ? 'InvalidJson' : 'InvalidXml';
  const cause = `${policy}: the ${side} body is not ${policy === 'json-to-xml' ? 'JSON' : 'XML'}: ${problem}`;
  return side === 'request'
    ? new PolicyFailure(400, 'Bad Request', policy, reason, {}, { cause })
    : new PolicyFailure(500, 'Internal server error', policy, reason, {}, { cause });
}
