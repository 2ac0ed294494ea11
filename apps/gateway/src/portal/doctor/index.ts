/** The developer portal's token doctor page (issue 14, decision 016). */
export { gatewayDoctor, type GatewayDoctorInputs } from './gateway-doctor';
export {
  createPortalDoctor,
  type PortalApiReport,
  type PortalCheck,
  type PortalDoctor,
  type PortalDoctorOptions,
  type PortalDoctorReport,
  type PortalOperationReport,
  type PortalTargetReport,
} from './portal-doctor';
export { MAX_DIAGNOSE_BODY_BYTES } from './diagnose-endpoint';
export { FixedWindowLimiter } from './fixed-window-limiter';
export {
  DEFAULT_DIAGNOSES_PER_MINUTE,
  DOCTOR_DIAGNOSE_PATH,
  DOCTOR_PAGE_PATH,
  DOCTOR_SCRIPT_PATH,
  DOCTOR_STYLE_PATH,
  setupTokenDoctor,
  type PortalDoctorSettings,
} from './setup-token-doctor';
export { DOCTOR_IDS, renderDoctorPage, type DoctorPageSettings } from './render-doctor-page';
