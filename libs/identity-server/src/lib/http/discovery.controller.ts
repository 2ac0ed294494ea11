/** OpenID configuration documents and JWKS, per tenant (GUID or domain) and for `/common` and `/organizations`. */
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { jwksDocument } from '../discovery/jwks-document';
import { openIdConfiguration, type DiscoveryScope } from '../discovery/openid-configuration';
import type { EndpointVersion } from '../discovery/service-urls';
import { classifyTenantSegment } from '../discovery/tenant-segment';
import { tenantNotFound } from '../errors/catalogue';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';

@Controller()
export class DiscoveryController {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  @Get(':tenant/v2.0/.well-known/openid-configuration')
  v2Configuration(@Param('tenant') tenant: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.configuration('v2', tenant, reply);
  }

  @Get(':tenant/.well-known/openid-configuration')
  v1Configuration(@Param('tenant') tenant: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.configuration('v1', tenant, reply);
  }

  @Get(':tenant/discovery/v2.0/keys')
  v2Keys(@Param('tenant') tenant: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.keys('v2', tenant, reply);
  }

  @Get(':tenant/discovery/keys')
  v1Keys(@Param('tenant') tenant: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.keys('v1', tenant, reply);
  }

  private configuration(version: EndpointVersion, tenant: string, reply: FastifyReply) {
    const scope = this.scopeOf(tenant);
    this.context.counters.recordDiscoveryRequest();
    allowBrowsers(reply);
    return openIdConfiguration(this.context.urls, version, scope);
  }

  private keys(version: EndpointVersion, tenant: string, reply: FastifyReply) {
    const scope = this.scopeOf(tenant);
    this.context.counters.recordJwksRequest();
    allowBrowsers(reply);
    const tenantId = scope.kind === 'tenant' ? scope.tenantId : undefined;
    return jwksDocument(this.context.keys.publishedKeys(), this.context.urls, version, tenantId);
  }

  private scopeOf(segment: string): DiscoveryScope {
    const kind = classifyTenantSegment(segment, this.context.directory);
    if (kind === 'tenant') return { kind, tenantId: this.context.directory.tenantId };
    if (kind === 'common' || kind === 'organizations') return { kind };
    throw tenantNotFound(segment, 'invalid_tenant');
  }
}

/** Public metadata: browser tools (Swagger UI, jwt.io-style debuggers) may read it cross-origin. */
function allowBrowsers(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
}
