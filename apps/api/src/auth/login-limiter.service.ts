import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PG_POOL } from '../infra/database/prisma.service';
import { AppError } from '../infra/errors/app-error';

/** A fixed-length key per account: an email may be longer than the store's 255-character key column. */
const accountKey = (email: string) => createHash('sha256').update(email, 'utf8').digest('hex');

/**
 * Counts failed sign-ins per account and per client address in PostgreSQL (shared by every
 * API process). Past the limit, sign-in answers 429 until the window passes.
 */
@Injectable()
export class LoginLimiterService {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(PG_POOL) pool: Pool) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      duration: config.LOGIN_LOCKOUT_MINUTES * 60,
      blockDuration: config.LOGIN_LOCKOUT_MINUTES * 60,
    };
    this.byAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'login_account',
      points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    });
    this.byIp = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'login_ip',
      points: config.LOGIN_MAX_FAILURES_PER_IP,
    });
  }

  /** Throws 429 when either counter is already exhausted. */
  async check(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.byAccount.get(accountKey(email)), this.byIp.get(ip)]);
    const blocked = [
      [account, this.byAccount.points],
      [address, this.byIp.points],
    ] as const;
    for (const [res, points] of blocked) {
      if (res && res.consumedPoints >= points) throw tooMany(res);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const results = await Promise.allSettled([this.byAccount.consume(accountKey(email)), this.byIp.consume(ip)]);
    for (const result of results) {
      if (result.status === 'rejected') {
        if (result.reason instanceof RateLimiterRes) throw tooMany(result.reason);
        throw result.reason;
      }
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(accountKey(email));
  }
}

function tooMany(res: RateLimiterRes): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const error = new AppError('RATE_LIMITED', `Too many failed sign-in attempts; try again in ${seconds} s`);
  error.retryAfter = seconds;
  return error;
}
