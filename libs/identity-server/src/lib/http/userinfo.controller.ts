/**
 * `GET/POST /oidc/userinfo`: Microsoft Graph-shaped basics of the signed-in user (`sub`, `name`, `given_name`,
 * `family_name`, `email`) for an access token this service issued for OpenID Connect scopes
 * (audience Microsoft Graph, `scp` with `openid`). Like Graph, refusals are 401 with `WWW-Authenticate` and a Graph
 * error body.
 */
import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import { readUserInfo } from '../tokens/userinfo';

@Controller()
export class UserInfoController {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  @Get('oidc/userinfo')
  get(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.answer(request, reply);
  }

  @Post('oidc/userinfo')
  post(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.answer(request, reply);
  }

  private answer(request: FastifyRequest, reply: FastifyReply): void {
    const result = readUserInfo(request.headers.authorization, {
      keys: this.context.keys.publishedKeys(),
      directory: this.context.directory,
      now: Math.floor(this.context.now() / 1000),
    });
    reply.header('cache-control', 'no-store').header('access-control-allow-origin', '*');
    if (result.ok) {
      void reply.status(200).send(result.claims);
      return;
    }
    void reply
      .status(401)
      .header(
        'www-authenticate',
        `Bearer error="invalid_token", error_description="${result.reason.replace(/"/g, "'")}"`,
      )
      .send({ error: { code: 'InvalidAuthenticationToken', message: result.reason } });
  }
}
