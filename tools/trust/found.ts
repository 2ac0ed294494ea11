/** What discovery found on a machine: the planner's whole input besides the CA (see discover.ts, plan.ts). */

/** An NSS certificate database (a folder with cert9.db): Chrome/Chromium/Edge on Linux, Firefox profiles. */
export interface NssDbFound {
  /** e.g. `Chrome, Chromium, Edge (~/.pki/nssdb)`. */
  readonly label: string;
  readonly dir: string;
  /** Whether cert9.db exists. */
  readonly exists: boolean;
  /** Create the database when missing (the user's ~/.pki/nssdb, as Chrome would on first start). */
  readonly createIfMissing: boolean;
  /** Whether it already holds the CA's nickname (only known when certutil is installed). */
  readonly hasCa: boolean;
}

/** A Linux distribution's system trust store: an anchors folder and the command that rebuilds the bundle. */
export interface SystemStoreFound {
  /** e.g. `Debian/Ubuntu`. */
  readonly distro: string;
  /** Where the CA file goes: `<anchors>/<nickname>.crt|.pem`. */
  readonly file: string;
  readonly update: readonly string[];
  readonly hasUpdateTool: boolean;
  /** Whether `file` exists already. */
  readonly hasCa: boolean;
}

export interface Found {
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly isRoot: boolean;
  readonly hasSudo: boolean;
  /** NSS's certutil (not Windows' certutil.exe). */
  readonly hasCertutil: boolean;
  readonly nssDbs: readonly NssDbFound[];
  /** Linux: the system store, or undefined when the distribution's layout is unknown. */
  readonly system?: SystemStoreFound;
  /** macOS login keychain / Windows user Root store: whether it holds the CA (by SHA-1 thumbprint). */
  readonly osStoreHasCa: boolean;
}
