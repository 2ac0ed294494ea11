/** Classifies the `{tenant}` path segment of a request. */
import type { Directory } from '../registrations/directory';

/** This tenant, a tenant-independent alias, or unknown. */
export type TenantSegmentKind = 'tenant' | 'common' | 'organizations' | 'consumers' | 'unknown';

/** Returns what a `{tenant}` segment designates; the tenant matches by GUID or domain, case-insensitively. */
export function classifyTenantSegment(segment: string, directory: Directory): TenantSegmentKind {
  const value = segment.toLowerCase();
  if (value === 'common' || value === 'organizations' || value === 'consumers') return value;
  return directory.isTenant(segment) ? 'tenant' : 'unknown';
}
