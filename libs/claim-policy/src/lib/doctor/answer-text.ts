import type { ApimError, BearerError } from '../decision';

/** A refusal in words, as the doctor's reports show it: APIM's status, message and LastError reason, or RFC 6750's. */
export function answerText(answer: ApimError | BearerError): string {
  if ('reason' in answer) {
    return `the gateway answers ${answer.status} "${answer.message}" (context.LastError.Reason ${answer.reason})`;
  }
  return `the API answers ${answer.status}, WWW-Authenticate: ${answer.wwwAuthenticate}`;
}
