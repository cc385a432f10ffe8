import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { tooMany } from '../auth/login-limiter.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PG_POOL } from '../infra/database/prisma.service';

/** A lookup that has been counted; one that found an account gives its point back. */
export interface Lookup {
  found(): Promise<void>;
}

/**
 * Limits how many addresses without an account each caller may try to add as members per
 * hour, since the 404 for them tells which addresses have accounts. A lookup is counted before
 * it is made and refunded when it finds an account, so only unknown addresses stay counted,
 * and a burst cannot run more lookups than the points left. Once they are spent, every add by
 * email answers 429 before any lookup, so nothing more is learnt until the window passes.
 */
@Injectable()
export class MemberLookupLimiterService {
  private readonly misses: RateLimiterPostgres;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(PG_POOL) pool: Pool) {
    this.misses = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: 'member_lookup_miss',
      points: config.MEMBER_LOOKUP_MISSES_PER_HOUR,
      duration: 3600,
    });
  }

  /** Counts a lookup by the caller; throws 429 when their unknown addresses are spent. */
  async reserve(callerId: string): Promise<Lookup> {
    try {
      await this.misses.consume(callerId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // Refused without a lookup: only lookups count.
      await this.misses.reward(callerId);
      throw tooMany(error, 'lookups of addresses without an account');
    }
    return { found: () => this.misses.reward(callerId).then(() => undefined) };
  }
}
