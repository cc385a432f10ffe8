import { notifications } from '@mantine/notifications';
import { isApiError, type ApiErrorCode } from './http';

export interface ErrorDescription {
  title: string;
  message: string;
}

/** Per-screen wording for a code: a message, or a title and a message. */
export type ErrorOverrides = Partial<Record<ApiErrorCode, string | ErrorDescription>>;

// Keyed by string so codes added to the contract later fall back gracefully. Titles say what
// happened in plain words, never the code's name.
const TITLES: Record<string, string> = {
  NETWORK: "Can't reach the server",
  VALIDATION_FAILED: 'Please check the form',
  UNAUTHENTICATED: 'You are signed out',
  FORBIDDEN: 'Your role does not allow this',
  NOT_FOUND: 'It is no longer there',
  CONFLICT: 'That could not be done',
  PAYLOAD_TOO_LARGE: 'That is too large',
  UNSUPPORTED_MEDIA_TYPE: 'That format cannot be read',
  RATE_LIMITED: 'Too many attempts',
  INTERNAL: 'Something went wrong',
  UNAVAILABLE: 'Reconnecting…',
};

// Codes whose server message is generic; the rest carry a useful explanation.
const FALLBACKS: Record<string, string> = {
  NETWORK: 'Check your connection and try again.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: "You don't have permission to do this: your role in this workspace does not include it. An owner can change roles on the Members page.",
  PAYLOAD_TOO_LARGE: 'That is too large for the server to accept. Try something smaller.',
  RATE_LIMITED: 'Too many attempts in a short time. Wait a minute and try again.',
  INTERNAL: 'The server could not complete the request. Try again in a moment.',
  UNAVAILABLE: 'The server is briefly unavailable; this carries on by itself once it is back.',
};

/** Turns any thrown value into words a reader can act on. */
export function describeError(error: unknown, overrides: ErrorOverrides = {}): ErrorDescription {
  if (isApiError(error)) {
    const title = TITLES[error.code] ?? 'Something went wrong';
    const override = overrides[error.code];
    if (typeof override === 'object') return override;
    return { title, message: override ?? FALLBACKS[error.code] ?? error.message };
  }
  const message = error instanceof Error && error.message ? error.message : 'Unexpected error.';
  return { title: 'Something went wrong', message };
}

/**
 * Tells the reader an action failed. Not for a 503: the "Reconnecting…" banner already says
 * so, and failed reads refetch by themselves once the server is back.
 */
export function notifyError(error: unknown, overrides?: ErrorOverrides): void {
  if (isApiError(error, 'UNAVAILABLE')) return;
  notifications.show({ color: 'red', ...describeError(error, overrides) });
}
