import { Global, Injectable, Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';

/**
 * Graceful shutdown, before Nest closes anything: Nest's own close would end the database
 * pool while the HTTP server still takes requests. Draining stops taking work, lets what is
 * running finish, and only then does main.ts close the application (pool, Redis).
 */
@Injectable()
export class ShutdownService {
  private draining = false;
  private inFlight = 0;
  private onIdle?: () => void;
  private readonly hooks: (() => void)[] = [];

  /** True once shutdown has begun: readiness fails so the load balancer sends traffic elsewhere. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Something to do as draining begins (e.g. sending live clients to another process). */
  onDrain(hook: () => void): void {
    this.hooks.push(hook);
  }

  /**
   * Express middleware, before all others: counts the requests in flight. While draining,
   * each answer closes its connection, so keep-alive clients reconnect to another process.
   */
  readonly track = (_req: Request, res: Response, next: NextFunction): void => {
    this.inFlight += 1;
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.onIdle?.();
    });
    next();
  };

  /**
   * Stops accepting connections, runs the drain hooks, and waits for the requests in flight
   * to finish, for at most `graceMs`. Returns how many were still running then (and are cut off).
   */
  async drain(server: Server, graceMs: number): Promise<number> {
    this.draining = true;
    // Also closes keep-alive connections that are idle right now.
    server.close();
    for (const hook of this.hooks) hook();
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.onIdle = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      clearTimeout(timer);
    }
    const cutOff = this.inFlight;
    server.closeAllConnections();
    return cutOff;
  }
}

@Global()
@Module({ providers: [ShutdownService], exports: [ShutdownService] })
export class LifecycleModule {}
