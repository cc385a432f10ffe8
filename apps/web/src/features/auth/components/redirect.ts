import { useLocation } from 'react-router';

export interface FromState {
  from?: string;
}

/** Where to go after signing in: the page that sent the user here, or home. */
export function useRedirectTarget(): string {
  const location = useLocation();
  const from = (location.state as FromState | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}
