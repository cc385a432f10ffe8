import { MetadataScanner } from '@nestjs/core';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { LiveGateway } from '../../src/realtime/live.gateway';
import type { TestApp } from './test-app';

/** "METHOD /api/path/:param", as Express has it registered. */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`;

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every API route the running app answers, read from its Express router (so nothing registered can hide). */
export function registeredRoutes(app: TestApp): RouteKey[] {
  const stack = app.app.getHttpAdapter().getInstance().router.stack as unknown as ExpressLayer[];
  return stack.flatMap(({ route }) =>
    route && route.path.startsWith('/api/')
      ? Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}` as RouteKey)
      : [],
  );
}

/** The socket events the running app's gateway handles (its @SubscribeMessage methods). */
export function gatewayEvents(app: TestApp): string[] {
  const gateway = app.app.get(LiveGateway);
  const prototype = Object.getPrototypeOf(gateway) as object;
  return new MetadataScanner()
    .getAllMethodNames(prototype)
    .map((name) => Reflect.getMetadata(MESSAGE_METADATA, (prototype as Record<string, unknown>)[name] as object) as string | undefined)
    .filter((event): event is string => event !== undefined);
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
