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

/** A password check that has been counted; a correct password gives its point back. */
export interface Attempt {
  succeeded(): Promise<void>;
}

/**
 * Limits password checks per account and per client address in PostgreSQL (shared by every
 * API process). An attempt is counted before the password is verified, in one atomic upsert,
 * so concurrent guesses can never outnumber the limit; a correct password is refunded, so
 * only failures stay counted. Past the limit, sign-in answers 429 until the window passes.
 * Sign-ups are counted per address the same way.
 */
@Injectable()
export class LoginLimiterService {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;
  private readonly signupsByIp: RateLimiterPostgres;

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
    this.signupsByIp = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'register_ip',
      points: config.REGISTER_MAX_PER_IP,
      duration: config.REGISTER_WINDOW_MINUTES * 60,
      blockDuration: config.REGISTER_WINDOW_MINUTES * 60,
    });
  }

  /** Counts a sign-up from the address, whatever its outcome; throws 429 past the limit. */
  async signup(ip: string): Promise<void> {
    try {
      await this.signupsByIp.consume(ip);
    } catch (error) {
      throw error instanceof RateLimiterRes ? tooMany(error, 'sign-ups from this address') : error;
    }
  }

  /** Counts a password check for the account and the address; throws 429 when either is spent. */
  async reserve(email: string, ip: string): Promise<Attempt> {
    const key = accountKey(email);
    const [account, address] = await Promise.allSettled([this.byAccount.consume(key), this.byIp.consume(ip)]);
    const refused = [account, address].find((r) => r.status === 'rejected');
    if (refused) {
      // No password is checked for this attempt: give back the point the other counter took.
      await Promise.all([
        account.status === 'fulfilled' ? this.byAccount.reward(key) : undefined,
        address.status === 'fulfilled' ? this.byIp.reward(ip) : undefined,
      ]);
      throw refused.reason instanceof RateLimiterRes ? tooMany(refused.reason) : refused.reason;
    }
    return {
      succeeded: async () => {
        await Promise.all([this.byAccount.reward(key), this.byIp.reward(ip)]);
      },
    };
  }
}

export function tooMany(res: RateLimiterRes, what = 'failed sign-in attempts'): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const error = new AppError('RATE_LIMITED', `Too many ${what}; try again in ${seconds} s`);
  error.retryAfter = seconds;
  return error;
}
