/** Link targets a comment may open: the web and e-mail, nothing that runs code or reaches into the app. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The href when it is absolute and of a safe scheme; otherwise null, and the link shows as plain text. */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    // No base: relative links would resolve into the app itself, so they do not pass either.
    return SAFE_SCHEMES.has(new URL(href).protocol) ? href : null;
  } catch {
    return null;
  }
}
