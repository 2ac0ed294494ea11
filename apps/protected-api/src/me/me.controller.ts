import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Principal, type AuthPrincipal } from '@stack/nest-auth';

/** Who called, as the token says. */
export interface MeResponse {
  /** `app` (client credentials) or `user` (a client acting for a signed-in user). */
  readonly kind: 'app' | 'user';
  readonly clientId?: string;
  readonly tokenVersion?: '1.0' | '2.0';
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  readonly tenantId?: string;
  readonly objectId?: string;
  /** User tokens: `name`. */
  readonly name?: string;
  /** User tokens: `preferred_username` (v2), else `upn` / `unique_name` (v1). */
  readonly username?: string;
}

/**
 * `GET /me`: any valid token for this API, no role or scope needed. Shows azp-vs-appid and v1-vs-v2
 * resolved, and whether an app or a signed-in user called (with the user's name, sign-in name and oid).
 */
@ApiTags('Protected API')
@ApiBearerAuth('bearer')
@Controller('me')
export class MeController {
  @ApiOperation({
    operationId: 'who-am-i',
    summary: 'Who am I',
    description:
      'Any valid access token for this API, no app role or scope needed: what the token says about the caller. ' +
      'kind tells an app token (client credentials: roles, objectId of its service principal) from a user token ' +
      "(a signed-in user: scopes from scp, the user's name, username and objectId).",
  })
  @ApiOkResponse({
    description: 'The caller, as the token says.',
    schema: {
      type: 'object',
      required: ['kind', 'roles', 'scopes'],
      properties: {
        kind: { type: 'string', enum: ['app', 'user'] },
        clientId: { type: 'string', description: 'azp (v2) or appid (v1).' },
        tokenVersion: { type: 'string', enum: ['1.0', '2.0'] },
        roles: { type: 'array', items: { type: 'string' } },
        scopes: { type: 'array', items: { type: 'string' } },
        tenantId: { type: 'string' },
        objectId: { type: 'string', description: "oid: the user's object id, or the client's service principal." },
        name: { type: 'string', description: 'User tokens: name.' },
        username: { type: 'string', description: 'User tokens: preferred_username (v2), upn or unique_name (v1).' },
      },
    },
  })
  @ApiUnauthorizedResponse({ description: 'No token, or a token that is invalid, expired or for another API.' })
  @Get()
  me(@Principal() principal: AuthPrincipal): MeResponse {
    const { kind, clientId, tokenVersion, roles, scopes, tenantId, objectId, name, username } = principal;
    return { kind, clientId, tokenVersion, roles, scopes, tenantId, objectId, name, username };
  }
}
