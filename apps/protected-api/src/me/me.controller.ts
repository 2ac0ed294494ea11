import { Controller, Get } from '@nestjs/common';
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
@Controller('me')
export class MeController {
  @Get()
  me(@Principal() principal: AuthPrincipal): MeResponse {
    const { clientId, tokenVersion, roles, scopes, tenantId, objectId } = principal;
    return { clientId, tokenVersion, roles, scopes, tenantId, objectId };
  }
}
