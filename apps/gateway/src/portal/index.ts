export {
  setupDeveloperPortal,
  DEVELOPER_PORTAL_PATH,
  isLocalPortalRequest,
  isLoopbackAddress,
  PORTAL_SCRIPT_PATH,
  START_PANEL_PATH,
} from './setup-developer-portal';
export {
  DEFAULT_SUBSCRIPTION_KEY_HEADER,
  type DeveloperPortalOptions,
  type PortalApi,
  type PortalUserSignIn,
} from './developer-portal-options';
export { delegatedScopesFor, OIDC_USER_SCOPES, portalUserScopesNamedValue } from './delegated-scopes';
export {
  checkPortalOptions,
  DeveloperPortalError,
  gatewayOpenApiDocument,
  OAUTH2_SCHEME,
  oauth2SchemeFor,
  OAUTH2_USER_SCHEME,
  oauth2UserSchemeFor,
  portalDocumentPath,
  SUBSCRIPTION_KEY_SCHEME,
} from './gateway-document';
export { apiScopeFor, portalScopeNamedValue, scopeForAudiences, type ApiScope } from './api-scope';
export {
  activeSubscriptionKeys,
  recommendedSubscription,
  subscriptionChoices,
  type SubscriptionChoice,
} from './subscription-choices';
export { startGuideFor, TRUST_COMMAND, type StartGuide } from './start-guide';
export { escapeHtml, renderStartPanel } from './render-start-panel';
export * from './doctor';
