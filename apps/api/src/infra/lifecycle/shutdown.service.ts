import { Global, Injectable, Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import net from 'node:net';

/**
 * Graceful shutdown, before Nest closes anything: Nest's own close would end the database
 * pool while the HTTP server still takes requests. Draining stops taking work, lets what is
 * running finish, and only then does main.ts close the application (pool, Redis).
 */
/**
 * Draining ends once nothing is in flight and nothing has arrived for this long: by then a load
 * balancer has seen readiness fail (or the listener refuse) and stopped sending. Closing an idle
 * keep-alive connection any sooner could cross a request the balancer is sending on it.
 */
const QUIET_MS = 2_000;
const POLL_MS = 50;

@Injectable()
export class ShutdownService {
  private draining = false;
  private inFlight = 0;
  private lastActivity = 0;
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
    this.lastActivity = Date.now();
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight -= 1;
      this.lastActivity = Date.now();
    });
    next();
  };

  /**
   * Stops accepting connections, runs the drain hooks, and serves what still arrives on open
   * connections until it is all done and quiet, for at most `graceMs`. Returns how many
   * requests were still running then (they are cut off).
   */
  async drain(server: Server, graceMs: number): Promise<number> {
    this.draining = true;
    // The listener only: http.Server.close() would also drop idle keep-alive connections at once.
    net.Server.prototype.close.call(server);
    for (const hook of this.hooks) hook();
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && (this.inFlight > 0 || Date.now() - this.lastActivity < QUIET_MS)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const cutOff = this.inFlight;
    server.closeAllConnections();
    return cutOff;
  }
}

@Global()
@Module({ providers: [ShutdownService], exports: [ShutdownService] })
export class LifecycleModule {}
