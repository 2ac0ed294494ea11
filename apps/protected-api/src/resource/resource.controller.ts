import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { RequiredPermission } from '@stack/claim-policy';
import { PERMISSIONS_KEY, Principal, RolesOrScopes, type AuthPrincipal } from '@stack/nest-auth';
import type { FastifyRequest } from 'fastify';

/** What the resource routes answer: the request as received, and who made it. */
export interface ResourceEcho {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly caller: {
    readonly kind: 'app' | 'user';
    readonly clientId?: string;
    readonly tokenVersion?: string;
    readonly roles: readonly string[];
    readonly scopes: readonly string[];
  };
}

/** OpenAPI: the {@link ResourceEcho} shape. */
const RESOURCE_ECHO_SCHEMA = {
  type: 'object',
  required: ['method', 'path', 'query', 'body', 'caller'],
  properties: {
    method: { type: 'string', example: 'GET' },
    path: { type: 'string', example: '/resource' },
    query: { type: 'object', additionalProperties: true },
    body: { description: 'The request body (JSON parsed, anything else as text); null for reads.', nullable: true },
    caller: {
      type: 'object',
      required: ['kind', 'roles', 'scopes'],
      properties: {
        kind: {
          type: 'string',
          enum: ['app', 'user'],
          description:
            'app: a client calling as itself (client credentials); user: a client acting for a signed-in user.',
        },
        clientId: { type: 'string', description: 'azp (v2) or appid (v1) of the token.' },
        tokenVersion: { type: 'string', enum: ['1.0', '2.0'] },
        roles: { type: 'array', items: { type: 'string' }, example: ['Echo.Read', 'Echo.Write'] },
        scopes: { type: 'array', items: { type: 'string' }, description: 'scp of a user token.', example: [] },
      },
    },
  },
};

/**
 * The OpenAPI text of one resource operation, written from what its `@RolesOrScopes` (the decorator below this
 * one) accepts, so the document always says what the guard enforces.
 */
function ResourceOperation(operationId: string, summary: string, what: string): MethodDecorator {
  return (target, key, descriptor) => {
    const accepted = Reflect.getMetadata(PERMISSIONS_KEY, descriptor.value as object) as RequiredPermission | undefined;
    if (!accepted) throw new Error(`${operationId}: put @RolesOrScopes(...) below @ResourceOperation(...).`);
    const role = accepted.appRoles.join(' or ');
    const scope = accepted.delegatedScopes.join(' or ');
    const status = operationId === 'create-resource' ? ApiCreatedResponse : ApiOkResponse;
    applyDecorators(
      ApiOperation({
        operationId,
        summary: `${summary} (${role} or ${scope})`,
        description:
          `${what} Needs an access token for this API that carries the app role ${role} in roles ` +
          `(an app token: client credentials) or the delegated scope ${scope} in scp (a signed-in user's token).`,
      }),
      status({ description: 'The request as received, and who made it.', schema: RESOURCE_ECHO_SCHEMA }),
      ApiUnauthorizedResponse({ description: 'No token, or a token that is invalid, expired or for another API.' }),
      ApiForbiddenResponse({
        description:
          `The token carries neither the app role ${role} nor the delegated scope ${scope}; ` +
          'the error_description says whether it is an app or a user token and what it lacks.',
      }),
    )(target, key, descriptor);
  };
}

/**
 * Echo-style resource routes (the Echo API's operations, apim.md §6) for both kinds of caller: reads need
 * the app role `Echo.Read` or the delegated scope `Echo.Read.User`, writes `Echo.Write` or `Echo.Write.User`
 * (docs/decisions/019-roles-or-scopes.md). Headers are not echoed: they carry the token.
 */
@ApiTags('Protected API')
@ApiBearerAuth('bearer')
@Controller('resource')
export class ResourceController {
  /** GET /resource; Fastify also answers HEAD /resource from this route (Echo API's "Retrieve header only"). */
  @ResourceOperation('retrieve-resource', 'Retrieve resource', 'Echoes the query and the caller.')
  @RolesOrScopes({ roles: ['Echo.Read'], scopes: ['Echo.Read.User'] })
  @Get()
  retrieve(
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Principal() caller: AuthPrincipal,
  ): ResourceEcho {
    return echo(request, query, null, caller);
  }

  @ResourceOperation('create-resource', 'Create resource', 'Echoes the body, query and caller.')
  @RolesOrScopes({ roles: ['Echo.Write'], scopes: ['Echo.Write.User'] })
  @ApiBody({
    required: false,
    schema: { type: 'object', additionalProperties: true },
    examples: {
      vehicle: { summary: 'A vehicle', value: { vehicleType: 'train', maxSpeed: 125, avgSpeed: 90, speedUnit: 'mph' } },
    },
  })
  @Post()
  @HttpCode(201)
  create(
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
    @Principal() caller: AuthPrincipal,
  ): ResourceEcho {
    return echo(request, query, body, caller);
  }

  @ResourceOperation('modify-resource', 'Modify resource', 'Echoes the body, query and caller.')
  @RolesOrScopes({ roles: ['Echo.Write'], scopes: ['Echo.Write.User'] })
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: true } })
  @Put()
  modify(
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
    @Principal() caller: AuthPrincipal,
  ): ResourceEcho {
    return echo(request, query, body, caller);
  }

  @ResourceOperation('remove-resource', 'Remove resource', 'Nothing is deleted; the request is echoed.')
  @RolesOrScopes({ roles: ['Echo.Write'], scopes: ['Echo.Write.User'] })
  @Delete()
  remove(
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Principal() caller: AuthPrincipal,
  ): ResourceEcho {
    return echo(request, query, null, caller);
  }
}

function echo(
  request: FastifyRequest,
  query: Record<string, unknown>,
  body: unknown,
  caller: AuthPrincipal,
): ResourceEcho {
  return {
    method: request.method,
    path: request.url.split('?')[0],
    query: { ...query },
    body: body ?? null,
    caller: {
      kind: caller.kind,
      clientId: caller.clientId,
      tokenVersion: caller.tokenVersion,
      roles: caller.roles,
      scopes: caller.scopes,
    },
  };
}
