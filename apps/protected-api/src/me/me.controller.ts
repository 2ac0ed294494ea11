import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Principal, type AuthPrincipal } from '@stack/nest-auth';

/** Who called, as the token says. */
export interface MeResponse {
  readonly clientId?: string;
  readonly tokenVersion?: '1.0' | '2.0';
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  readonly tenantId?: string;
  readonly objectId?: string;
}

/** `GET /me`: any valid token for this API, no role needed. Shows azp-vs-appid and v1-vs-v2 resolved. */
@ApiTags('Protected API')
@ApiBearerAuth('bearer')
@Controller('me')
export class MeController {
  @ApiOperation({
    operationId: 'who-am-i',
    summary: 'Who am I',
    description: 'Any valid access token for this API, no app role needed: what the token says about the caller.',
  })
  @ApiOkResponse({
    description: 'The caller, as the token says.',
    schema: {
      type: 'object',
      required: ['roles', 'scopes'],
      properties: {
        clientId: { type: 'string', description: 'azp (v2) or appid (v1).' },
        tokenVersion: { type: 'string', enum: ['1.0', '2.0'] },
        roles: { type: 'array', items: { type: 'string' } },
        scopes: { type: 'array', items: { type: 'string' } },
        tenantId: { type: 'string' },
        objectId: { type: 'string' },
      },
    },
  })
  @ApiUnauthorizedResponse({ description: 'No token, or a token that is invalid, expired or for another API.' })
  @Get()
  me(@Principal() principal: AuthPrincipal): MeResponse {
    const { clientId, tokenVersion, roles, scopes, tenantId, objectId } = principal;
    return { clientId, tokenVersion, roles, scopes, tenantId, objectId };
  }
}
