import { Inject, Injectable, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { ClaimPolicy, RequiredClaim, RequiredPermission } from '@stack/claim-policy';
import { compileRoutePolicy, type RoleRequirement } from '../policy/route-requirements';
import {
  ALLOWED_CLIENTS_KEY,
  BASE_CLAIM_POLICY,
  IS_PUBLIC_KEY,
  PERMISSIONS_KEY,
  REQUIRED_CLAIMS_KEY,
  ROLES_KEY,
} from './auth.constants';

/** What the guard needs to know about one route. */
export type CompiledRoute = { readonly public: true } | { readonly public: false; readonly policy: ClaimPolicy };

/**
 * Compiles each route's decorators into one `ClaimPolicy` (module preset + route metadata) once,
 * and caches it by controller and handler. Every controller method is compiled at start-up, so a
 * contradictory configuration stops the service before it serves instead of failing requests.
 */
@Injectable()
export class RoutePolicyRegistry implements OnApplicationBootstrap {
  private readonly routes = new WeakMap<Type, WeakMap<object, CompiledRoute>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(BASE_CLAIM_POLICY) private readonly basePolicy: ClaimPolicy,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller?.prototype) continue;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler: unknown = controller.prototype[name];
        if (typeof handler === 'function') this.routeFor(controller, handler);
      }
    }
  }

  /** The compiled route; compiled on first use when start-up did not see it. */
  routeFor(controller: Type, handler: object): CompiledRoute {
    let byHandler = this.routes.get(controller);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.routes.set(controller, byHandler);
    }
    let route = byHandler.get(handler);
    if (!route) {
      route = this.compile(controller, handler);
      byHandler.set(handler, route);
    }
    return route;
  }

  private compile(controller: Type, handler: object): CompiledRoute {
    const targets = [handler as Type, controller];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return { public: true };
    const policy = compileRoutePolicy(this.basePolicy, {
      roles: this.reflector.getAllAndOverride<RoleRequirement>(ROLES_KEY, targets),
      permission: this.reflector.getAllAndOverride<RequiredPermission>(PERMISSIONS_KEY, targets),
      allowedClients: this.reflector.getAllAndOverride<string[]>(ALLOWED_CLIENTS_KEY, targets),
      claims: this.reflector.getAllAndMerge<RequiredClaim[]>(REQUIRED_CLAIMS_KEY, targets),
    });
    return { public: false, policy };
  }
}
