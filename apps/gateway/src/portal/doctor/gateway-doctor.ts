import { doctorApis, resolverKeySource, type DoctorDefinition, type SigningKeyResolver } from '@stack/apim-policy';
import type { ImportOptions } from '@stack/claim-policy';
import { createPortalDoctor, type PortalDoctor } from './portal-doctor';

/** What the gateway already has loaded: its definition, its signing-key resolver, its Entra mapping and clock. */
export interface GatewayDoctorInputs {
  readonly definition: DoctorDefinition;
  readonly signingKeys: Pick<SigningKeyResolver, 'issuerOf' | 'keyOf'>;
  /** validate-azure-ad-token's mapping of Entra's hosts, the same the gateway's engine got. */
  readonly entra?: ImportOptions['entra'];
  readonly now?: () => number;
}

/**
 * The portal's token doctor over the gateway's own loaded configuration and keys (no second reader): the targets per
 * API from apim-policy's doctorApis (the doctor CLI finds them the same way), the keys from the gateway's own resolver
 * (same host mapping, caches and cool-downs as validate-jwt, so the page adds no fetches beyond what an API call with
 * the same token would cause).
 */
export function gatewayDoctor(inputs: GatewayDoctorInputs): PortalDoctor {
  return createPortalDoctor({
    apis: doctorApis(inputs.definition, inputs.entra),
    keys: resolverKeySource(inputs.signingKeys),
    now: inputs.now,
  });
}
