import { GatewayConfigError } from '../errors/gateway-config-error';

type NamedValueSpec = string | { readonly env: string; readonly default?: string };

/**
 * Resolves config/gateway/named-values.json: a plain string is the value; `{ "env": "X", "default": "…" }`
 * reads environment variable X (the default when unset). So policies keep APIM's `{{tenant-id}}` and the
 * environment points them at a real tenant.
 */
export function resolveNamedValues(
  specs: Readonly<Record<string, NamedValueSpec>>,
  env: NodeJS.ProcessEnv,
  file: string,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (typeof spec === 'string') {
      values[name] = spec;
      continue;
    }
    const fromEnv = env[spec.env];
    const value = fromEnv !== undefined && fromEnv !== '' ? fromEnv : spec.default;
    if (value === undefined) {
      throw new GatewayConfigError(
        'CONFIG_FILE_INVALID',
        `named value "${name}" reads the environment variable ${spec.env}, which is not set; set it or add a "default".`,
        { file, element: `namedValues.${name}` },
      );
    }
    values[name] = value;
  }
  return values;
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

/** Replaces `{{name}}` in `text`; an unknown name is an error naming `where`. */
export function substituteNamedValues(
  text: string,
  namedValues: Readonly<Record<string, string>>,
  where: { readonly file: string; readonly element: string },
): string {
  return text.replace(PLACEHOLDER, (_whole, rawName: string) => {
    const name = rawName.trim();
    const value = namedValues[name];
    if (value === undefined) {
      throw new GatewayConfigError(
        'POLICY_NAMED_VALUE_UNKNOWN',
        `unknown named value {{${name}}}; define it in config/gateway/named-values.json (text, or { "env": "VAR" }).`,
        where,
      );
    }
    return value;
  });
}
