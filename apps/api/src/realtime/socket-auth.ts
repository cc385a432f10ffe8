import type { ExtendedError } from 'socket.io';
import { SESSION_COOKIE } from '../auth/auth.context';
import type { CredentialsService } from '../auth/credentials.service';
import { colorFor, rooms, type AppSocket } from './socket.types';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * socket.io middleware: runs for every connection (gateway guards do not). Browsers send
 * cookies with the handshake whatever the page's origin, so a disallowed Origin is refused.
 */
export function socketAuth(credentials: CredentialsService, allowedOrigins: string[]) {
  return async (socket: AppSocket, next: (err?: ExtendedError) => void) => {
    try {
      const { origin, cookie } = socket.handshake.headers;
      if (origin && !allowedOrigins.includes(origin)) return next(new Error('ORIGIN_NOT_ALLOWED'));
      const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
      const auth = await credentials.resolve(token, token ? undefined : readCookie(cookie, SESSION_COOKIE));
      if (!auth) return next(new Error('UNAUTHENTICATED'));
      socket.data.auth = auth;
      socket.data.color = colorFor(auth.userId);
      socket.data.articles = {};
      socket.data.selections = {};
      socket.join(rooms.user(auth.userId));
      if (auth.sessionId) socket.join(rooms.session(auth.sessionId));
      if (auth.tokenId) socket.join(rooms.token(auth.tokenId));
      next();
    } catch {
      next(new Error('UNAUTHENTICATED'));
    }
  };
}
