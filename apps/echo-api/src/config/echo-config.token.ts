/** Injection token of the {@link EchoApiConfig}. */
export const ECHO_API_CONFIG = Symbol('ECHO_API_CONFIG');
