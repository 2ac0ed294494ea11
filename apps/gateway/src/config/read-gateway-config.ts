/**
 * The reader of config/gateway/ lives in @stack/gateway-adapters (decision 010), shared with the token doctor.
 * Kept only for the specs that still import it from here; new code imports @stack/gateway-adapters.
 */
export { readGatewayConfig } from '@stack/gateway-adapters';
