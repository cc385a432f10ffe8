import type { ExtendedError } from 'socket.io';
import { SESSION_COOKIE } from '../auth/auth.context';
import { presentedCredential, type CredentialsService, type Presented } from '../auth/credentials.service';
import { forgetHandshake } from './idle-sockets';
import { colorFor, rooms, type AppSocket } from './socket.types';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Exactly one credential, as for HTTP requests: `auth.token` when the handshake has one
 * (whatever it holds), else an Authorization header, else the session cookie.
 */
function handshakeCredential(socket: AppSocket): Presented {
  const token: unknown = socket.handshake.auth?.token;
  if (token !== undefined) return typeof token === 'string' && token ? { kind: 'token', secret: token } : { kind: 'malformed' };
  const { authorization, cookie } = socket.handshake.headers;
  return presentedCredential(authorization, readCookie(cookie, SESSION_COOKIE));
}

/**
 * socket.io middleware: runs for every connection (gateway guards do not). Browsers send
 * cookies with the handshake whatever the page's origin, so a disallowed Origin is refused.
 */
export function socketAuth(credentials: CredentialsService, allowedOrigins: string[]) {
  return async (socket: AppSocket, next: (err?: ExtendedError) => void) => {
    try {
      const { origin } = socket.handshake.headers;
      if (origin && !allowedOrigins.includes(origin)) return next(new Error('ORIGIN_NOT_ALLOWED'));
      const auth = await credentials.resolve(handshakeCredential(socket));
      if (!auth) return next(new Error('UNAUTHENTICATED'));
      socket.data.auth = auth;
      forgetHandshake(socket);
      socket.data.color = colorFor(auth.userId);
      socket.data.articles = {};
      // A token bound to one workspace hears only that workspace's notifications, and a token
      // without the read scope none, as GET /api/notifications answers it.
      // (Not a room per session or token: revocations find their sockets in CredentialWatch.)
      if (!auth.tokenId || auth.scopes?.includes('read')) {
        socket.join(auth.workspaceId ? rooms.userIn(auth.userId, auth.workspaceId) : rooms.user(auth.userId));
      }
      next();
    } catch {
      next(new Error('UNAUTHENTICATED'));
    }
  };
}
