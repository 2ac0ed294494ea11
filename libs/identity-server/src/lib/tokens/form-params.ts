/** Reading token-endpoint form parameters: one value each; unknown parameters are ignored (msal-node sends many). */
import { invalidRequest } from '../errors/catalogue';

/** A parsed form body: strings, or arrays for repeated names. */
export type FormFields = Readonly<Record<string, unknown>>;

/**
 * Returns a parameter's value, or undefined when it is absent or empty.
 * @throws AadstsError (invalid_request) when the parameter is repeated or not text.
 */
export function formParam(form: FormFields, name: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(form, name) ? form[name] : undefined;
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) throw invalidRequest(`The '${name}' parameter appears more than once; send it once.`);
  if (typeof value !== 'string') throw invalidRequest(`The '${name}' parameter must be text.`);
  return value;
}
