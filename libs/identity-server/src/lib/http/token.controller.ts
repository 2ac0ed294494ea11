/** `POST /{tenant}/oauth2/v2.0/token` and `POST /{tenant}/oauth2/token`: thin adapter over {@link TokenService}. */
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EndpointVersion } from '../discovery/service-urls';
import { invalidRequest, postRequired } from '../errors/catalogue';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import type { FormFields } from '../tokens/form-params';
import { requestIds } from './request-ids';
import { setNoStoreHeaders } from './response-headers';

const FORM_TYPE = 'application/x-www-form-urlencoded';

@Controller()
export class TokenController {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  @Post(':tenant/oauth2/v2.0/token')
  @HttpCode(200)
  v2(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.handle('v2', tenant, request, reply);
  }

  @Post(':tenant/oauth2/token')
  @HttpCode(200)
  v1(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.handle('v1', tenant, request, reply);
  }

  @Get([':tenant/oauth2/v2.0/token', ':tenant/oauth2/token'])
  notPost(@Req() request: FastifyRequest): never {
    throw postRequired(request.method);
  }

  private async handle(endpoint: EndpointVersion, tenant: string, request: FastifyRequest, reply: FastifyReply) {
    const ids = requestIds(request);
    const issued = await this.context.tokens.issue({
      endpoint,
      tenant,
      form: formBody(request),
      authorization: request.headers.authorization,
      origin: typeof request.headers.origin === 'string' ? request.headers.origin : undefined,
    });
    // debug, like every successful request of the stack: an info line per token (with pino's redaction pass) cost
    // the token endpoint about a tenth of its throughput; refusals stay info.
    this.context.logger.debug(
      {
        event: 'token_issued',
        endpoint,
        clientId: issued.clientId,
        api: issued.apiAppId,
        ver: issued.version,
        kid: issued.kid,
        auth: issued.authMethod,
        roles: issued.roles,
        ...(issued.grantType ? { grant: issued.grantType } : {}),
        correlationId: ids.correlationId,
        traceId: ids.traceId,
      },
      'Token issued',
    );
    setNoStoreHeaders(reply, ids);
    return issued.body;
  }
}

/** The form fields of a token request; only form-encoded bodies are read, as by Entra. */
function formBody(request: FastifyRequest): FormFields {
  if (request.body === undefined || request.body === null) return {};
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== FORM_TYPE) {
    throw invalidRequest(
      `The token endpoint reads ${FORM_TYPE} bodies; this request sent '${type || 'no content type'}'.`,
    );
  }
  return request.body as FormFields;
}
