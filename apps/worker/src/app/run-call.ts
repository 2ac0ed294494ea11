import { ApiClient } from './api-client';
import { createLogger } from './logger';
import { createTokenProvider } from './token-provider.factory';
import type { WorkerConfig } from './worker-config';

/**
 * One-shot mode for people trying the stack out: `call GET /resource [body]` prints the status, the headers
 * that matter and the body, and returns an exit code (0 for 2xx).
 */
export async function runCall(config: WorkerConfig, args: readonly string[], out = process.stdout): Promise<number> {
  const [method, path, body] = args;
  if (!method || !path?.startsWith('/')) {
    out.write(
      'Usage: npm run call -- <METHOD> </path> [body]\n  e.g. npm run call -- GET /protected/resource (through the gateway)\n',
    );
    return 2;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const tokens = await createTokenProvider(config, logger);
  const client = new ApiClient({
    baseUrl: config.apiBaseUrl,
    scope: config.scope,
    subscriptionKey: config.subscriptionKey,
    tokens: tokens.provider,
  });
  try {
    const result = await client.call({ method: method.toUpperCase(), path, body });
    out.write(`${method.toUpperCase()} ${config.apiBaseUrl}${path} -> ${result.status} (${result.latencyMs} ms)\n`);
    for (const name of ['content-type', 'www-authenticate', 'retry-after']) {
      const value = result.headers[name];
      if (value !== undefined) out.write(`${name}: ${Array.isArray(value) ? value.join(', ') : value}\n`);
    }
    out.write(`\n${prettyJson(result.body)}\n`);
    return result.status >= 200 && result.status < 300 ? 0 : 1;
  } finally {
    await client.close();
    await tokens.close();
  }
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
