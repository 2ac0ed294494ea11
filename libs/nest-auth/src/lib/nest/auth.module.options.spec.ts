import { Controller, Get, Module, UseGuards, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { JwksKeyStore } from '../keys/jwks-key-store';
import { startJwksTestServer, type JwksTestServer } from '../testing/jwks-test-server';
import { TEST_API_APP_ID, TEST_TENANT } from '../testing/protected-test-app';
import { RoutePolicyError } from '../policy/route-requirements';
import { AuthModule } from './auth.module';
import { BearerAuthGuard } from './bearer-auth.guard';
import { AllowedClients, RequireClaims, Roles } from './decorators';

const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

@Controller()
class OpenByDefaultController {
  @Get('unguarded')
  unguarded(): string {
    return 'ok';
  }

  @UseGuards(BearerAuthGuard)
  @Get('guarded')
  guarded(): string {
    return 'ok';
  }
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

describe('AuthModule configuration', () => {
  let jwks: JwksTestServer;
  beforeAll(async () => {
    jwks = await startJwksTestServer();
  });
  afterAll(() => jwks.close());

  it('forRootAsync builds the options from injected providers and loads the keys at bootstrap', async () => {
    @Module({
      providers: [{ provide: AUTH_SETTINGS, useValue: { jwksUri: jwks.jwksUri } }],
      exports: [AUTH_SETTINGS],
    })
    class SettingsModule {}

    @Module({
      imports: [
        AuthModule.forRootAsync({
          imports: [SettingsModule],
          inject: [AUTH_SETTINGS],
          useFactory: (settings: { jwksUri: string }) => ({
            tenantId: TEST_TENANT,
            authorityHost: 'https://login.microsoftonline.com',
            apiAppId: TEST_API_APP_ID,
            jwksUri: settings.jwksUri,
          }),
          globalGuard: false,
        }),
      ],
      controllers: [OpenByDefaultController],
    })
    class AppModule {}

    const app = await NestFactory.create(AppModule, {
      logger: false,
      abortOnError: false,
    });
    try {
      const url = await listen(app);
      expect(app.get(JwksKeyStore).ready).toBe(true);
      // globalGuard: false leaves routes open unless they opt in with @UseGuards(BearerAuthGuard).
      expect((await fetch(`${url}/unguarded`)).status).toBe(200);
      const guarded = await fetch(`${url}/guarded`);
      expect(guarded.status).toBe(401);
      expect(guarded.headers.get('www-authenticate')).toBe('Bearer');
    } finally {
      await app.close();
    }
  });

  it('stops the app at start-up when a route allows a client the module refuses', async () => {
    @Controller()
    class ContradictingController {
      @AllowedClients('cccccccc-0000-0000-0000-0000000000ff')
      @Get()
      get(): string {
        return 'never';
      }
    }

    @Module({
      imports: [
        AuthModule.forRoot({
          tenantId: TEST_TENANT,
          authorityHost: 'https://login.microsoftonline.com',
          apiAppId: TEST_API_APP_ID,
          jwksUri: jwks.jwksUri,
          allowedClientIds: ['cccccccc-0000-0000-0000-00000000000a'],
        }),
      ],
      controllers: [ContradictingController],
    })
    class AppModule {}

    const app = await NestFactory.create(AppModule, {
      logger: false,
      abortOnError: false,
    });
    await expect(app.init()).rejects.toThrow(RoutePolicyError);
    await app.close();
  });
});

describe('decorators', () => {
  it('refuse empty or blank names at declaration time', () => {
    expect(() => Roles()).toThrow('@Roles() needs at least one non-empty name.');
    expect(() => Roles(' ')).toThrow(/@Roles/);
    expect(() => AllowedClients()).toThrow(/@AllowedClients/);
    expect(() => RequireClaims()).toThrow(/@RequireClaims/);
    expect(() => RequireClaims({ name: '', values: [] })).toThrow(/claim name/);
  });
});
