export * from './token-policy-targets';
export * from './doctor-apis';
export { resolverKeySource } from './resolver-key-source';
