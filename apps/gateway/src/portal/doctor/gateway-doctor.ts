import type { GatewayDefinition, SigningKeyResolver } from '@stack/apim-policy';
import type { ImportOptions } from '@stack/claim-policy';
import { doctorApis } from './doctor-targets';
import { gatewayKeySource } from './gateway-key-source';
import { createPortalDoctor, type PortalDoctor } from './portal-doctor';

/** What the gateway already has loaded: its definition, its signing-key resolver, its Entra mapping and clock. */
export interface GatewayDoctorInputs {
  readonly definition: Pick<GatewayDefinition, 'apis' | 'namedValues' | 'policies'>;
  readonly signingKeys: Pick<SigningKeyResolver, 'issuerOf' | 'keyOf'>;
  /** validate-azure-ad-token's mapping of Entra's hosts, the same the gateway's engine got. */
  readonly entra?: ImportOptions['entra'];
  readonly now?: () => number;
}

/** The portal's token doctor over the gateway's own loaded configuration and keys (no second reader). */
export function gatewayDoctor(inputs: GatewayDoctorInputs): PortalDoctor {
  return createPortalDoctor({
    apis: doctorApis(inputs.definition, inputs.entra),
    keys: gatewayKeySource(inputs.signingKeys),
    now: inputs.now,
  });
}
