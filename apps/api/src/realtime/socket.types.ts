import type { ClientToServerEvents, ServerToClientEvents } from '@corroborate/contracts';
import type { Server, Socket } from 'socket.io';
import type { AuthContext } from '../auth/auth.context';
import type { CredentialsRevoked } from '../infra/events/domain-events';

export interface SocketData {
  auth: AuthContext;
  color: string;
  /** Articles this socket has joined, with their workspace (for removals). */
  articles: Record<string, string>;
  /** Each joined article's current selection of this user (from the first one shared). */
  selections?: Record<string, { start: number; end: number } | undefined>;
}

/** Between API processes (through the Redis adapter). */
export interface InterServerEvents {
  'credentials.revoked': (revoked: CredentialsRevoked) => void;
}
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const rooms = {
  article: (articleId: string) => `article:${articleId}`,
  member: (workspaceId: string, userId: string) => `member:${workspaceId}:${userId}`,
  /** Every socket of one user, but those of API tokens bound to one workspace: all their notifications. */
  user: (userId: string) => `user:${userId}`,
  /** A user's sockets that see only one workspace (bound API tokens): its notifications. */
  userIn: (userId: string, workspaceId: string) => `user:${userId}:${workspaceId}`,
};

/** A stable colour per user, from a palette readable on white. */
const PALETTE = ['#d6336c', '#ae3ec9', '#7048e8', '#4263eb', '#1c7ed6', '#1098ad', '#0ca678', '#37b24d', '#f59f00', '#f76707', '#e03131', '#5c940d'];
export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
