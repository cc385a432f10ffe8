import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APPLIED_MIGRATIONS_SQL, migrationNames } from '../infra/database/migrate';
import { PG_POOL } from '../infra/database/prisma.service';

/**
 * A probe answers within a second whatever the database does (down, hung, slow): half of it for
 * the database, the rest for the request around it on a busy machine (800 ms left too little:
 * a hung database's probe was once answered after 1,061 ms).
 */
const PROBE_DEADLINE_MS = 500;

/** Whether this process can serve: the database answers and has every migration of this build. */
@Injectable()
export class ReadinessService {
  private readonly expected = migrationNames();
  /** One probe at a time: while the database hangs, polls share it instead of piling up queries. */
  private probe?: Promise<string | null>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Null when ready, else why not. */
  async notReadyBecause(): Promise<string | null> {
    this.probe ??= this.probeDatabase().finally(() => (this.probe = undefined));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('The database does not answer'), PROBE_DEADLINE_MS);
    });
    try {
      return await Promise.race([this.probe, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async probeDatabase(): Promise<string | null> {
    try {
      const { rows } = await this.pool.query<{ name: string }>(APPLIED_MIGRATIONS_SQL);
      const applied = new Set(rows.map((r) => r.name));
      const missing = this.expected.filter((name) => !applied.has(name));
      return missing.length ? `Migrations not applied: ${missing.join(', ')}` : null;
    } catch {
      return 'The database is unreachable';
    }
  }
}
