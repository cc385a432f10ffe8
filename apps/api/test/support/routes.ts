import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import type { ZodDto } from 'nestjs-zod';
import type { z } from 'zod';
import type { RoutedExpressAdapter } from '../../src/infra/http/routed-express-adapter';
import type { TestApp } from './test-app';

/** "METHOD /api/path/:param", as the route was declared. */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`;

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every API route the running app answers, read from where requests are matched (so nothing
 * registered can hide): the adapter's route tree, and Express's own router for the rest.
 */
export function registeredRoutes(app: TestApp): RouteKey[] {
  const adapter = app.app.getHttpAdapter() as RoutedExpressAdapter;
  const stack = adapter.getInstance().router.stack as unknown as ExpressLayer[];
  const inExpress = stack.flatMap(({ route }) => (route ? Object.keys(route.methods).map((method) => ({ method: method.toUpperCase(), path: route.path })) : []));
  return [...adapter.declared(), ...inExpress].filter(({ path }) => path.startsWith('/api/')).map(({ method, path }) => `${method} ${path}` as RouteKey);
}

/** The socket events the running app's gateways handle (their @SubscribeMessage methods), each once. */
export function gatewayEvents(app: TestApp): string[] {
  const scanner = new MetadataScanner();
  const events: string[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.providers.values()) {
      if (typeof metatype !== 'function' || !Reflect.getMetadata(GATEWAY_METADATA, metatype)) continue;
      const prototype = (metatype as { prototype: Record<string, object> }).prototype;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const event = Reflect.getMetadata(MESSAGE_METADATA, prototype[name]!) as string | undefined;
        if (event !== undefined) events.push(event);
      }
    }
  }
  return events;
}

/** The path parameters of a concrete request to a route pattern (`{claimId: "1f…"}`). */
export function routeParams(route: RouteKey, url: string): Record<string, string> {
  const path = url.split('?')[0]!.split('/');
  const parts = route.split(' ')[1]!.split('/');
  return Object.fromEntries(parts.flatMap((part, i) => (part.startsWith(':') ? [[part.slice(1), path[i]!]] : [])));
}

/** Whether a concrete request (`GET /api/claims/1f…?x=1`) is one of a route pattern's. */
export function routeMatches(route: RouteKey, method: string, url: string): boolean {
  const [routeMethod, pattern] = route.split(' ') as [string, string];
  const path = url.split('?')[0]!.split('/');
  const parts = pattern.split('/');
  return (
    routeMethod === method.toUpperCase() &&
    path.length === parts.length &&
    parts.every((part, i) => (part.startsWith(':') ? path[i]!.length > 0 : part === path[i]))
  );
}

/**
 * The contract schema of every route that takes a body, read from its controller: the zod
 * DTO of its @Body() parameter.
 */
export function bodySchemas(app: TestApp): Map<RouteKey, z.ZodType> {
  const schemas = new Map<RouteKey, z.ZodType>();
  const scanner = new MetadataScanner();
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const controller = metatype as new (...args: never[]) => object;
      const prototype = controller.prototype as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const path = Reflect.getMetadata(PATH_METADATA, prototype[name]!) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, prototype[name]!) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number }>;
        const body = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
        if (!body) continue;
        const dto = (Reflect.getMetadata('design:paramtypes', prototype, name) as unknown[])[body[1].index] as Partial<ZodDto> | undefined;
        if (!dto?.isZodDto) throw new Error(`${controller.name}.${name} takes a body without a contract schema`);
        const segments = ['api', Reflect.getMetadata(PATH_METADATA, controller) as string, path].flatMap((p) => p.split('/')).filter(Boolean);
        schemas.set(`${RequestMethod[method] as 'POST'} /${segments.join('/')}` as RouteKey, dto.schema as unknown as z.ZodType);
      }
    }
  }
  return schemas;
}
