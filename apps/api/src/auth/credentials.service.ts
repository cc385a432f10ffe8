import { Injectable } from '@nestjs/common';
import { TokenScope } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { Batcher } from '../infra/database/batcher';
import { PrismaService } from '../infra/database/prisma.service';
import type { AuthContext } from './auth.context';
import { CredentialCache } from './credential-cache';
import { hashSecret } from './secrets';

interface SessionRow {
  sessionId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  email: string;
  displayName: string;
}

export const TOKEN_PREFIX = 'cbt';
export const SESSION_PREFIX = 'cbs';

/** Last-use times are touched at most once a minute, to keep reads cheap. */
const isStale = (at: Date | null) => !at || Date.now() - at.getTime() > 60_000;

/** Resolves a session cookie or an API token to the user behind it. */
@Injectable()
export class CredentialsService {
  /** Sessions by secret hash: lookups that arrive together (a reconnect storm) share one query. */
  private readonly sessions = new Batcher<string, SessionRow>(async (hashes) => {
    const rows = await this.prisma.sql<SessionRow & { tokenHash: string }>(Prisma.sql`
      SELECT s.token_hash AS "tokenHash", s.id AS "sessionId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
        u.id AS "userId", u.email, u.display_name AS "displayName"
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ANY(${hashes}::text[]) AND s.revoked_at IS NULL AND s.expires_at > now()`);
    return new Map(rows.map(({ tokenHash, ...row }) => [tokenHash, row]));
  });

  constructor(
    private readonly prisma: PrismaService,
    private readonly cache: CredentialCache,
  ) {}

  /** Runs on every request: answered from the cache, else one indexed query joining the session to its user. */
  fromSession(secret: string): Promise<AuthContext | null> {
    return this.cached(secret, async (hash) => {
      const row = await this.sessions.get(hash);
      if (!row) return null;
      if (isStale(row.lastSeenAt)) await this.prisma.session.update({ where: { id: row.sessionId }, data: { lastSeenAt: new Date() } });
      const auth = { userId: row.userId, email: row.email, displayName: row.displayName, sessionId: row.sessionId, expiresAt: row.expiresAt };
      return { auth, expiresAt: row.expiresAt };
    });
  }

  fromToken(secret: string): Promise<AuthContext | null> {
    if (!secret.startsWith(`${TOKEN_PREFIX}_`)) return Promise.resolve(null);
    return this.cached(secret, async (hash) => {
      const token = await this.prisma.apiToken.findUnique({ where: { tokenHash: hash }, include: { user: true } });
      if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= new Date())) return null;
      if (isStale(token.lastUsedAt)) await this.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
      const { user } = token;
      const auth: AuthContext = {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        tokenId: token.id,
        scopes: TokenScope.options.filter((s) => token.scopes.includes(s)),
        workspaceId: token.workspaceId,
        ...(token.expiresAt ? { expiresAt: token.expiresAt } : {}),
      };
      // The cache forgets the token when it expires.
      return { auth, expiresAt: token.expiresAt };
    });
  }

  /** The credential behind `secret`: from the cache, else from `lookup` (by the secret's hash), then cached. */
  private async cached(
    secret: string,
    lookup: (hash: string) => Promise<{ auth: AuthContext; expiresAt: Date | null } | null>,
  ): Promise<AuthContext | null> {
    const hash = hashSecret(secret);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const store = this.cache.begin();
    const found = await lookup(hash);
    if (!found) return null;
    store(hash, found.auth, found.expiresAt);
    return found.auth;
  }

  /**
   * Of these sessions and tokens, the ones that no longer authenticate (revoked, expired or
   * gone), asked of the database: open sockets re-check their credential with it.
   */
  async ended(sessionIds: string[], tokenIds: string[]): Promise<{ sessionIds: string[]; tokenIds: string[] }> {
    // Every socket's credential in one array parameter, on the pool. Through the ORM, each length
    // of the list compiles to a plan of its own with a parameter per id, and the ORM keeps them:
    // 3.7 MiB more heap for each sweep over a new count of 10,000 sockets.
    const [sessions, tokens] = await Promise.all([
      sessionIds.length
        ? this.prisma.sql<{ id: string }>(
            Prisma.sql`SELECT id FROM sessions WHERE id = ANY(${sessionIds}::uuid[]) AND revoked_at IS NULL AND expires_at > now()`,
          )
        : [],
      tokenIds.length
        ? this.prisma.sql<{ id: string }>(
            Prisma.sql`SELECT id FROM api_tokens WHERE id = ANY(${tokenIds}::uuid[]) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
          )
        : [],
    ]);
    const live = new Set([...sessions, ...tokens].map((row) => row.id));
    return { sessionIds: sessionIds.filter((id) => !live.has(id)), tokenIds: tokenIds.filter((id) => !live.has(id)) };
  }

  /** The user behind the credential a request or handshake presents, if it authenticates. */
  resolve(presented: Presented): Promise<AuthContext | null> {
    if (presented.kind === 'token') return this.fromToken(presented.secret);
    if (presented.kind === 'session') return this.fromSession(presented.secret);
    return Promise.resolve(null);
  }
}

/** The one credential a request presents. */
export type Presented =
  | { kind: 'token'; secret: string }
  | { kind: 'session'; secret: string }
  /** An Authorization header that is not `Bearer <token>`. */
  | { kind: 'malformed' }
  | { kind: 'none' };

/**
 * A request is authenticated by exactly one credential: its Authorization header when it has
 * one, whatever that holds, else its session cookie. A malformed or unknown bearer never falls
 * back to the cookie (the CSRF Origin check skips requests with the header for that reason).
 * The cookie is `unknown` because cookie-parser hands over a value sent as `j:<JSON>` parsed:
 * anything but a non-empty string is no session.
 */
export function presentedCredential(authorization: string | undefined, cookie: unknown): Presented {
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? { kind: 'token', secret: match[1]! } : { kind: 'malformed' };
  }
  return typeof cookie === 'string' && cookie ? { kind: 'session', secret: cookie } : { kind: 'none' };
}
