import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
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

/**
 * Echo-style resource routes (the Echo API's operations, apim.md §6), protected by app roles:
 * reads need `Echo.Read`, writes need `Echo.Write`. Headers are not echoed: they carry the token.
 */
@Controller('resource')
export class ResourceController {
  /** GET /resource; Fastify also answers HEAD /resource from this route (Echo API's "Retrieve header only"). */
  @Roles('Echo.Read')
  @Get()
  retrieve(
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Principal() caller: AuthPrincipal,
  ): ResourceEcho {
    return echo(request, query, null, caller);
  }

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
