export { setupDeveloperPortal, DEVELOPER_PORTAL_PATH } from './setup-developer-portal';
export {
  DEFAULT_SUBSCRIPTION_KEY_HEADER,
  type DeveloperPortalOptions,
  type PortalApi,
} from './developer-portal-options';
export {
  checkPortalOptions,
  DeveloperPortalError,
  gatewayOpenApiDocument,
  OAUTH2_SCHEME,
  portalDocumentPath,
  SUBSCRIPTION_KEY_SCHEME,
} from './gateway-document';
