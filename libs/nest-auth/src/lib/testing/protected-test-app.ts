import { Body, Controller, Get, Module, Post, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import type { AuthModuleOptions } from '../config/auth-options';
import type { AuthPrincipal } from '../policy/principal';
import { AuthModule } from '../nest/auth.module';
import { AllowedClients, Principal, Public, RequireClaims, Roles, RolesOrScopes, Scopes } from '../nest/decorators';

/**
 * Test-only: a small NestJS app protected by {@link AuthModule}, on Express or Fastify, listening on
 * 127.0.0.1 port 0. Not exported from the library's index.
 */
export const TEST_TENANT = '11111111-2222-3333-4444-555555555555';
export const TEST_API_APP_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
export const TEST_API_URI = `api://${TEST_API_APP_ID}`;
export const TEST_CLIENT_A = 'cccccccc-0000-0000-0000-00000000000a';
export const TEST_CLIENT_B = 'cccccccc-0000-0000-0000-00000000000b';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }

  @Get('me')
  me(@Principal() principal: AuthPrincipal): Omit<AuthPrincipal, 'claims'> {
    const { claims: _claims, ...rest } = principal;
    return rest;
  }

  @Roles('Echo.Read')
  @Get('read')
  read(): { read: true } {
    return { read: true };
  }

  @Roles('Echo.Write')
  @Post('write')
  write(@Body() body: unknown): { wrote: unknown } {
    return { wrote: body ?? null };
  }

  @Roles('Echo.Read', 'Echo.Write', { match: 'all' })
  @Get('read-and-write')
  readAndWrite(): { both: true } {
    return { both: true };
  }

  @Roles('Echo.Read', { acceptScopes: true })
  @Get('read-or-scope')
  readOrScope(): { ok: true } {
    return { ok: true };
  }

  @RolesOrScopes({ roles: ['Echo.Read'], scopes: ['Echo.Read.User'] })
  @Get('role-or-scope')
  roleOrScope(@Principal() principal: AuthPrincipal): { kind: string } {
    return { kind: principal.kind };
  }

  @Scopes('Echo.Read.User')
  @Get('user-only')
  userOnly(): { ok: true } {
    return { ok: true };
  }

  @Roles('Echo.Write')
  @Scopes('Echo.Write.User')
  @Post('role-and-scope')
  roleAndScope(): { ok: true } {
    return { ok: true };
  }

  @AllowedClients(TEST_CLIENT_A)
  @Get('only-a')
  onlyA(): { ok: true } {
    return { ok: true };
  }

  @RequireClaims({ name: 'tid', values: [TEST_TENANT] }, { name: 'xms_cc', values: ['cp1'], match: 'any' })
  @Get('claims')
  claims(): { ok: true } {
    return { ok: true };
  }
}

@Public()
@Controller('public-controller')
class PublicController {
  @Get()
  get(): { open: true } {
    return { open: true };
  }
}

export type AdapterName = 'express' | 'fastify';

export interface ProtectedTestApp {
  readonly app: INestApplication;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the probe app with `AuthModule.forRoot({ ...defaults, ...options })`; `logger` captures its log lines. */
export async function startProtectedTestApp(
  adapter: AdapterName,
  options: Partial<AuthModuleOptions> & Pick<AuthModuleOptions, 'jwksUri'>,
  logger: LoggerService | false = false,
): Promise<ProtectedTestApp> {
  @Module({
    imports: [
      AuthModule.forRoot({
        tenantId: TEST_TENANT,
        authorityHost: 'https://login.microsoftonline.com',
        apiAppId: TEST_API_APP_ID,
        appIdUris: [TEST_API_URI],
        exposeReasons: true,
        ...options,
      }),
    ],
    controllers: [ProbeController, PublicController],
  })
  class ProbeAppModule {}

  const app = await NestFactory.create(
    ProbeAppModule,
    adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
    { logger },
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
