/**
 * Mounts the token doctor under the developer portal: the page, its script and stylesheet, and the diagnose endpoint
 * (issue 14, decision 016). Called by setupDeveloperPortal when the gateway hands it a doctor.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { diagnoseEndpoint } from './diagnose-endpoint';
import { DOCTOR_PAGE_CSS, DOCTOR_PAGE_SCRIPT } from './doctor-page-script';
import { FixedWindowLimiter } from './fixed-window-limiter';
import type { PortalDoctor } from './portal-doctor';
import { doctorPageCsp, renderDoctorPage, type DoctorPageSettings } from './render-doctor-page';

/** Where the page and its parts are served (under the portal's `/docs`). */
export const DOCTOR_PAGE_PATH = '/docs/doctor';
export const DOCTOR_DIAGNOSE_PATH = `${DOCTOR_PAGE_PATH}/diagnose`;
export const DOCTOR_SCRIPT_PATH = `${DOCTOR_PAGE_PATH}/doctor.js`;
export const DOCTOR_STYLE_PATH = `${DOCTOR_PAGE_PATH}/doctor.css`;

/** Diagnoses per minute for a caller that is not on the gateway's machine. */
export const DEFAULT_DIAGNOSES_PER_MINUTE = 30;

/** The doctor as the portal mounts it. */
export interface PortalDoctorSettings {
  readonly doctor: PortalDoctor;
  /** Diagnoses a remote caller may ask for per window (default 30 a minute); a browser on this machine is not limited. */
  readonly limit?: { readonly perWindow: number; readonly windowMs: number; readonly limitLocalCallers?: boolean };
  /** The clock of the limit's windows. */
  readonly now?: () => number;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface RouteAdapter {
  get(path: string, handler: Handler): unknown;
  post(path: string, handler: Handler): unknown;
}

export function setupTokenDoctor(
  adapter: RouteAdapter,
  settings: PortalDoctorSettings,
  page: Omit<DoctorPageSettings, 'diagnoseUrl' | 'scriptUrl' | 'styleUrl'>,
  isLocal: (request: IncomingMessage) => boolean,
): void {
  const html = renderDoctorPage({
    ...page,
    diagnoseUrl: DOCTOR_DIAGNOSE_PATH,
    scriptUrl: DOCTOR_SCRIPT_PATH,
    styleUrl: DOCTOR_STYLE_PATH,
  });
  const csp = doctorPageCsp(page.identityOrigin);
  const staticText = (type: string, body: string, extra: Record<string, string> = {}): Handler => {
    const headers = {
      'content-type': type,
      'content-length': String(Buffer.byteLength(body)),
      'x-content-type-options': 'nosniff',
      ...extra,
    };
    return (_request, response) => {
      response.writeHead(200, headers);
      response.end(body);
    };
  };
  adapter.get(
    DOCTOR_PAGE_PATH,
    staticText('text/html; charset=utf-8', html, {
      'content-security-policy': csp,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    }),
  );
  adapter.get(DOCTOR_SCRIPT_PATH, staticText('application/javascript; charset=utf-8', DOCTOR_PAGE_SCRIPT));
  adapter.get(DOCTOR_STYLE_PATH, staticText('text/css; charset=utf-8', DOCTOR_PAGE_CSS));

  const limit = settings.limit ?? { perWindow: DEFAULT_DIAGNOSES_PER_MINUTE, windowMs: 60_000 };
  const limiter = new FixedWindowLimiter(limit.perWindow, limit.windowMs, settings.now);
  const endpoint = diagnoseEndpoint({
    doctor: settings.doctor,
    limiter,
    exempt: (request) => !limit.limitLocalCallers && isLocal(request),
  });
  adapter.post(DOCTOR_DIAGNOSE_PATH, (request, response) => void endpoint(request, response));
}
