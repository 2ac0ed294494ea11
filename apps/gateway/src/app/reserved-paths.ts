/** APIM's gateway health endpoint; answers 200 with an empty body. */
export const STATUS_PATH = '/status-0123456789abcdef';
/** The developer portal. */
export const PORTAL_PATH = '/docs';

/** Paths the gateway answers itself; no API may be published under them. */
export function isReservedPath(pathname: string): boolean {
  return pathname === STATUS_PATH || pathname === PORTAL_PATH || pathname.startsWith(`${PORTAL_PATH}/`);
}
