/**
 * Makes the call of a {@link CallPlan}: a token from `@stack/token-cache` (the worker's msal-node wrapper) or a
 * signed-in dev user's (user-token.ts), then one HTTP request, printed as status, the headers that explain a refusal, and the body. Returns the exit code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import {
  readCertificateCredential,
  TokenProvider,
  TokenRequestError,
  type ClientCredential,
  type TokenCacheLogger,
} from '@stack/token-cache';
import { Agent, fetch, setGlobalDispatcher } from 'undici';
import type { CallPlan } from './call-target';
import { userToken } from './user-token';

export interface CallOutput {
  out(text: string): void;
  err(text: string): void;
}

const shownHeaders = ['content-type', 'www-authenticate', 'retry-after'];

export async function runCall(plan: CallPlan, output: CallOutput): Promise<number> {
  const authority = plan.token?.authority ?? plan.signIn?.request.authority;
  if (authority && isLoopback(authority) && !existsSync(plan.caPath)) {
    output.err(`${plan.caPath} does not exist: the identity service creates it at its first start (npm start).\n`);
    return 1;
  }
  trustDevCa(plan);
  let authorization: string | undefined;
  if (plan.token) {
    const { token } = plan;
    output.err(`token: ${token.clientLabel} (${token.clientId}) for ${token.scope} from ${token.authority}\n`);
    const accessToken = await getToken(token, output);
    if (accessToken === undefined) return 1;
    authorization = `Bearer ${accessToken}`;
  }
  if (plan.signIn) {
    const accessToken = await userToken(plan.signIn, output);
    if (accessToken === undefined) return 1;
    authorization = `Bearer ${accessToken}`;
  }
  const headers: Record<string, string> = {};
  if (authorization) headers['authorization'] = authorization;
  if (plan.subscriptionKey) headers['ocp-apim-subscription-key'] = plan.subscriptionKey;
  if (plan.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(plan.url, { method: plan.method, headers, body: plan.body });
  } catch (error) {
    output.err(
      `${plan.method} ${plan.url} failed: ${describeNetworkError(error)}. Is the stack running (npm start)?\n`,
    );
    return 1;
  }
  const text = await response.text();
  output.out(`${plan.method} ${plan.url} -> ${response.status} (${Math.round(performance.now() - started)} ms)\n`);
  for (const name of shownHeaders) {
    const value = response.headers.get(name);
    if (value !== null) output.out(`${name}: ${value}\n`);
  }
  output.out(`\n${prettyJson(text)}\n`);
  return response.ok ? 0 : 1;
}

/** As NODE_EXTRA_CA_CERTS would: the identity service's HTTPS certificate is signed by the stack's development CA. */
function trustDevCa(plan: CallPlan): void {
  if (!existsSync(plan.caPath)) return; // a real Entra authority needs no extra CA; a local one fails with a hint
  const ca = [...rootCertificates, readFileSync(plan.caPath, 'utf8')];
  setGlobalDispatcher(new Agent({ connect: { ca } }));
}

async function getToken(token: NonNullable<CallPlan['token']>, output: CallOutput): Promise<string | undefined> {
  let credential: ClientCredential;
  try {
    credential =
      token.credential.kind === 'secret'
        ? { clientSecret: token.credential.clientSecret }
        : {
            certificate: await readCertificateCredential(
              token.credential.certificatePath,
              token.credential.privateKeyPath,
            ),
          };
  } catch (error) {
    output.err(`Cannot read the client certificate: ${(error as Error).message}\n`);
    output.err('The identity service writes it at its first start: start the stack (npm start) first.\n');
    return undefined;
  }
  const provider = new TokenProvider({
    authority: token.authority,
    clientId: token.clientId,
    credential,
    logger: quietLogger(output),
  });
  try {
    return (await provider.getToken(token.scope)).accessToken;
  } catch (error) {
    const message = error instanceof TokenRequestError ? error.message : String(error);
    output.err(`No token: ${message}\n`);
    if (
      /UNABLE_TO_VERIFY|SELF_SIGNED|self[- ]signed certificate|unable to verify the first certificate/i.test(message)
    ) {
      output.err("The identity service uses the stack's development CA (.data/certs/ca.pem): was .data/ replaced?\n");
    }
    return undefined;
  } finally {
    await provider.close();
  }
}

/** Warnings and errors only, one line each: the library never logs secrets or tokens. */
function quietLogger(output: CallOutput): TokenCacheLogger {
  const line = (level: string) => (_fields: object, message: string) => output.err(`${level}: ${message}\n`);
  return { debug: () => undefined, info: () => undefined, warn: line('warn'), error: line('error') };
}

function isLoopback(url: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
