/** @stack/token-cache: msal-node client-credentials tokens with single-flight, refresh-ahead, retries and a shared cache. */
export {};
