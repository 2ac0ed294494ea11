import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyCompileContext } from '../../policy-step';

/** The API OpenAPI documents the validation policies check against, or a load error saying how to provide them. */
export function openApiDocumentsOf(
  element: PolicyElement,
  context: PolicyCompileContext,
): ReadonlyMap<string, Record<string, unknown>> {
  const documents = context.services.openApiDocuments;
  if (!documents) {
    throw context.error(
      'POLICY_UNKNOWN_ELEMENT',
      element,
      `<${element.name}> validates against the API's OpenAPI document and this gateway has none; give the API an "openApi" file in apis.json (PolicyTestHost: services.openApiDocuments).`,
    );
  }
  return documents;
}
