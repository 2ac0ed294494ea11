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
import { Principal, Roles, type AuthPrincipal } from '@stack/nest-auth';
import type { FastifyRequest } from 'fastify';

/** What the resource routes answer: the request as received, and who made it. */
export interface ResourceEcho {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly caller: {
    readonly clientId?: string;
    readonly tokenVersion?: string;
    readonly roles: readonly string[];
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
      required: ['roles'],
      properties: {
        clientId: { type: 'string', description: 'azp (v2) or appid (v1) of the token.' },
        tokenVersion: { type: 'string', enum: ['1.0', '2.0'] },
        roles: { type: 'array', items: { type: 'string' }, example: ['Echo.Read', 'Echo.Write'] },
      },
    },
  },
};

/** OpenAPI: one resource operation, which needs an app role. */
function ResourceOperation(operationId: string, summary: string, role: 'Echo.Read' | 'Echo.Write', what: string) {
  const status = operationId === 'create-resource' ? ApiCreatedResponse : ApiOkResponse;
  return applyDecorators(
    ApiOperation({
      operationId,
      summary: `${summary} (${role})`,
      description: `${what} Needs an access token for this API whose roles claim includes the app role ${role}.`,
    }),
    status({ description: 'The request as received, and who made it.', schema: RESOURCE_ECHO_SCHEMA }),
    ApiUnauthorizedResponse({ description: 'No token, or a token that is invalid, expired or for another API.' }),
    ApiForbiddenResponse({ description: `The token lacks the app role ${role}.` }),
  );
}

/**
 * Echo-style resource routes (the Echo API's operations, apim.md §6), protected by app roles:
 * reads need `Echo.Read`, writes need `Echo.Write`. Headers are not echoed: they carry the token.
 */
@ApiTags('Protected API')
@ApiBearerAuth('bearer')
@Controller('resource')
export class ResourceController {
  /** GET /resource; Fastify also answers HEAD /resource from this route (Echo API's "Retrieve header only"). */
  @ResourceOperation('retrieve-resource', 'Retrieve resource', 'Echo.Read', 'Echoes the query and the caller.')
  @Roles('Echo.Read')
  @Get()
  retrieve(
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Principal() caller: AuthPrincipal,
  ): ResourceEcho {
    return echo(request, query, null, caller);
  }

  @ResourceOperation('create-resource', 'Create resource', 'Echo.Write', 'Echoes the body, query and caller.')
  @ApiBody({
    required: false,
    schema: { type: 'object', additionalProperties: true },
    examples: {
      vehicle: { summary: 'A vehicle', value: { vehicleType: 'train', maxSpeed: 125, avgSpeed: 90, speedUnit: 'mph' } },
    },
  })
  @Roles('Echo.Write')
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

  @ResourceOperation('modify-resource', 'Modify resource', 'Echo.Write', 'Echoes the body, query and caller.')
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: true } })
  @Roles('Echo.Write')
  @Put()
  modify(
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
    @Principal() caller: AuthPrincipal,
  ): ResourceEcho {
    return echo(request, query, body, caller);
  }

  @ResourceOperation('remove-resource', 'Remove resource', 'Echo.Write', 'Nothing is deleted; the request is echoed.')
  @Roles('Echo.Write')
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
      clientId: caller.clientId,
      tokenVersion: caller.tokenVersion,
      roles: caller.roles,
    },
  };
}
