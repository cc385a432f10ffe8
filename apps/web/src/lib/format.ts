const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const utcDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
// One formatter each: `toLocaleString` builds a new one on every call.
const countFormat = new Intl.NumberFormat();

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDay(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dayFormat.format(date) : '—';
}

/** Publication dates are usually entered as bare days (stored as UTC midnight), so show them in UTC. */
export function formatPublished(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? utcDayFormat.format(date) : '—';
}

export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateTimeFormat.format(date) : '—';
}

export function sourceHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return null;
  }
}

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** Up to two initials for an avatar: "Maya Okafor" → "MO". */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}
