/**
 * `GET/POST /{tenant}/oauth2/v2.0/authorize`, `GET/POST /{tenant}/oauth2/authorize` and the local sign-in and
 * consent forms: thin adapter over {@link AuthorizeService}. Answers are HTML pages or redirects, never JSON.
 */
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthorizeOutcome } from '../authorize/authorize-service';
import { CONSENT_PATH, errorPage, SIGN_IN_PATH } from '../authorize/pages';
import { SESSION_LIFETIME_MS } from '../authorize/user-flow-state';
import type { EndpointVersion } from '../discovery/service-urls';
import { entraTimestamp } from '../errors/aadsts-error';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import type { FormFields } from '../tokens/form-params';
import { requestIds } from './request-ids';

/** The browser session on the identity service (HttpOnly, Secure). */
export const SESSION_COOKIE = 'stack_identity_session';

const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Pages load nothing; forms post to this service or (form_post) to the app. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
/** The sign-in and consent pages post to this service, which answers with a 302 to the redirect URI: both allowed. */
function pageCsp(formActionSource: string | undefined): string {
  return formActionSource ? PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${formActionSource}`) : PAGE_CSP;
}
/** The form_post page: its inline onload handler submits the form to the redirect URI, and only there. */
function formPostCsp(formActionSource: string | undefined): string {
  return `default-src 'none'; script-src 'unsafe-inline'; form-action ${formActionSource ?? '*'}; frame-ancestors 'none'`;
}

@Controller()
export class AuthorizeController {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  @Get(':tenant/oauth2/v2.0/authorize')
  v2Get(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.authorize('v2', tenant, queryOf(request), request, reply);
  }

  @Post(':tenant/oauth2/v2.0/authorize')
  v2Post(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.authorize('v2', tenant, formOf(request), request, reply);
  }

  @Get(':tenant/oauth2/authorize')
  v1Get(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.authorize('v1', tenant, queryOf(request), request, reply);
  }

  @Post(':tenant/oauth2/authorize')
  v1Post(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.authorize('v1', tenant, formOf(request), request, reply);
  }

  @Post(SIGN_IN_PATH.slice(1))
  select(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = formOf(request);
    this.send(this.context.authorize.selectUser(text(form['interaction']), text(form['user'])), request, reply);
  }

  @Post(CONSENT_PATH.slice(1))
  consent(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = formOf(request);
    this.send(this.context.authorize.consent(text(form['interaction']), text(form['decision'])), request, reply);
  }

  private authorize(
    endpoint: EndpointVersion,
    tenant: string,
    params: FormFields,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const outcome = this.context.authorize.authorize(endpoint, tenant, params, sessionOf(request));
    this.send(outcome, request, reply);
  }

  private send(outcome: AuthorizeOutcome, request: FastifyRequest, reply: FastifyReply): void {
    const ids = requestIds(request);
    reply
      .header('cache-control', 'no-store, no-cache')
      .header('pragma', 'no-cache')
      .header('x-ms-request-id', ids.traceId);
    if (outcome.kind === 'error-page') {
      const { error } = outcome;
      this.context.logger.info(
        {
          event: 'authorize_refused',
          status: error.status,
          error: error.error,
          code: error.code,
          traceId: ids.traceId,
        },
        `AADSTS${error.code} ${error.error}`,
      );
      void reply
        .status(error.status)
        .header('content-security-policy', PAGE_CSP)
        .type('text/html; charset=utf-8')
        .send(errorPage(error, ids, entraTimestamp(new Date(this.context.now()))));
      return;
    }
    if (outcome.sessionId) {
      reply.header(
        'set-cookie',
        `${SESSION_COOKIE}=${outcome.sessionId}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${SESSION_LIFETIME_MS / 1000}`,
      );
    }
    const { response } = outcome;
    if (response.kind === 'redirect') {
      void reply.status(302).header('location', response.location).send();
      return;
    }
    // Chosen by what the page is, never by its content (which may quote request values).
    const csp = response.autoSubmit ? formPostCsp(response.formActionSource) : pageCsp(response.formActionSource);
    void reply
      .status(response.status)
      .header('content-security-policy', csp)
      .header('x-frame-options', 'DENY')
      .type('text/html; charset=utf-8')
      .send(response.html);
  }
}

function queryOf(request: FastifyRequest): FormFields {
  const query = request.query;
  return query && typeof query === 'object' ? (query as FormFields) : {};
}

/** The form body; other bodies count as empty (the page then names the missing parameter). */
function formOf(request: FastifyRequest): FormFields {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const body = request.body;
  return type === FORM_TYPE && body && typeof body === 'object' ? (body as FormFields) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The session id from the cookie header, if any. */
function sessionOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}
