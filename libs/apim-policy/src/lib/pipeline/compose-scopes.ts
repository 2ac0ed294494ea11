import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyScope, PolicySection } from '../context/gateway-context';
import type { PolicyDocument } from './policy-document';

/** A statement of the effective policy, with the scope and file it came from. */
export interface ScopedStatement {
  readonly element: PolicyElement;
  readonly scope: PolicyScope;
  readonly file: string;
}

/**
 * The effective statements of one section, composed as APIM does (apim.md §3): the narrowest scope's
 * section is the policy, and its `<base />` is replaced by the next broader scope's effective
 * section. `chain` runs broad → narrow (global, product, API, operation), scopes without a document
 * left out. A document that omits a section inherits the broader one whole, as if it held only
 * `<base />` (APIM's editor writes `<base />` into every section; docs/decisions/007). At global
 * scope `<base />` has no effect.
 */
export function composeSection(chain: readonly PolicyDocument[], section: PolicySection): ScopedStatement[] {
  let effective: ScopedStatement[] = [];
  for (const document of chain) {
    const elements = document.sections[section];
    if (elements === undefined) continue;
    const outer = effective;
    effective = elements.flatMap((element): ScopedStatement[] =>
      element.name === 'base' ? outer : [{ element, scope: document.scope, file: document.file }],
    );
  }
  return effective;
}
