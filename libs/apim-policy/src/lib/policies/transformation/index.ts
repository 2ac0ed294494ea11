import type { PolicyDefinition } from '../policy-step';
import { findAndReplacePolicy } from './find-and-replace.policy';
import { jsonToXmlPolicy } from './json-to-xml.policy';
import { mockResponsePolicy } from './mock-response.policy';
import { redirectContentUrlsPolicy } from './redirect-content-urls.policy';
import { setMethodPolicy } from './set-method.policy';
import { setQueryParameterPolicy } from './set-query-parameter.policy';
import { xmlToJsonPolicy } from './xml-to-json.policy';

export { compileMethod } from './set-method.policy';

/** The transformation policies (issue 12), registered with the built-ins. */
export const TRANSFORMATION_POLICIES: readonly PolicyDefinition[] = [
  findAndReplacePolicy,
  jsonToXmlPolicy,
  mockResponsePolicy,
  redirectContentUrlsPolicy,
  setMethodPolicy,
  setQueryParameterPolicy,
  xmlToJsonPolicy,
];
