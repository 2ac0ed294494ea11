import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Principal, Roles, type AuthPrincipal } from '@stack/nest-auth';

/** The app role only the gateway's own identity holds (config/identity/registrations.json). */
export const GATEWAY_RELAY_ROLE = 'Gateway.Relay';

/** What `GET /relay` answers: which app called, as its token says. */
export interface RelayResponse {
  readonly relayedBy?: string;
  readonly roles: readonly string[];
}

/**
 * `GET /relay`: only calls that come through the gateway. The gateway's operation policy swaps the caller's token
 * for one of its own (authentication-managed-identity), and only the gateway's identity holds `Gateway.Relay`, so
 * a client calling this API directly, with any of its own tokens, gets 403.
 */
@ApiTags('Protected API')
@ApiBearerAuth('bearer')
@Controller('relay')
export class RelayController {
  @ApiOperation({
    operationId: 'relayed-by-gateway',
    summary: 'Relayed by the gateway (Gateway.Relay)',
    description:
      "Needs a token with the app role Gateway.Relay, which only the gateway's own identity holds: the gateway " +
      'calls it with authentication-managed-identity after checking the client.',
  })
  @ApiOkResponse({
    description: 'The app that relayed the call.',
    schema: {
      type: 'object',
      required: ['roles'],
      properties: {
        relayedBy: { type: 'string', description: "The caller's client id (the gateway's identity)." },
        roles: { type: 'array', items: { type: 'string' }, example: [GATEWAY_RELAY_ROLE] },
      },
    },
  })
  @ApiUnauthorizedResponse({ description: 'No token, or a token that is invalid, expired or for another API.' })
  @ApiForbiddenResponse({ description: `The token lacks the app role ${GATEWAY_RELAY_ROLE}: not the gateway.` })
  @Roles(GATEWAY_RELAY_ROLE)
  @Get()
  relay(@Principal() caller: AuthPrincipal): RelayResponse {
    return { relayedBy: caller.clientId, roles: caller.roles };
  }
}
