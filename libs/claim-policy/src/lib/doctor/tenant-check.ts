import type { Reason } from '../decision';
import { isGuid, issuerForm } from '../entra/token-facts';
import type { ClaimPolicy, Claims } from '../model';
import type { DoctorCheck } from './doctor-types';

/** `https://host/<tenant>/v2.0/.well-known/openid-configuration` (or v1's, without `/v2.0`). */
const DISCOVERY_TENANT = /^https?:\/\/[^/]+\/([^/]+)\/(?:v2\.0\/)?\.well-known\/openid-configuration$/i;

/** The tenants a policy trusts: from its issuers, its discovery URLs and a required `tid`. GUIDs only. */
export function policyTenants(policy: ClaimPolicy): string[] {
  const tenants = [
    ...policy.issuers.map((issuer) => issuerForm(issuer)?.tenant),
    ...policy.openIdConfigUrls.map((url) => DISCOVERY_TENANT.exec(url)?.[1]),
    ...policy.requiredClaims.filter((claim) => claim.name === 'tid').flatMap((claim) => claim.values),
  ];
  return [...new Set(tenants.filter((tenant): tenant is string => isGuid(tenant)).map((t) => t.toLowerCase()))];
}

/**
 * The token's tenant (`tid`, else the one in `iss`) against the policy's. The policy may not check `tid` itself,
 * but a token of another tenant fails its issuer (or its discovery document's), so the doctor names the cause.
 */
export function checkTenant(policy: ClaimPolicy, claims: Claims, reasons: readonly Reason[]): DoctorCheck {
  const check = 'tenant';
  if (reasons.length > 0) {
    return {
      check,
      status: 'fail',
      code: reasons[0].code,
      detail: `tid ${String(claims['tid'])}`,
      hint: reasons[0].hint,
    };
  }
  const expected = policyTenants(policy);
  if (expected.length === 0) return { check, status: 'skip', detail: 'not checked: the policy names no tenant' };
  const tid = typeof claims['tid'] === 'string' ? claims['tid'].toLowerCase() : undefined;
  const issTenant = issuerForm(claims['iss'])?.tenant.toLowerCase();
  if (tid !== undefined && issTenant !== undefined && isGuid(issTenant) && tid !== issTenant) {
    return {
      check,
      status: 'fail',
      code: 'ERR_ISS_MISMATCH',
      detail: `tid ${tid} but iss names tenant ${issTenant}`,
      hint: 'tid and iss name different tenants: Entra never issues such a token; it was built or altered by hand.',
    };
  }
  const tenant = tid ?? issTenant;
  if (tenant === undefined) {
    return {
      check,
      status: 'fail',
      code: 'ERR_ISS_MISMATCH',
      detail: `no tid, and iss names no tenant; expected ${expected.join(' or ')}`,
      hint: 'This is not an Entra access token: every one carries tid, the tenant it was issued in.',
    };
  }
  if (!expected.includes(tenant)) {
    return {
      check,
      status: 'fail',
      code: 'ERR_ISS_MISMATCH',
      detail: `token from tenant ${tenant}, expected ${expected.join(' or ')}`,
      hint: `The client asked another tenant's authority: request the token from <authority>/${expected[0]}/oauth2/v2.0/token (the API's tenant), not /${tenant}/ or /common/.`,
    };
  }
  return { check, status: 'pass', detail: `tenant ${tenant}${tid === undefined ? ' (from iss; no tid claim)' : ''}` };
}
