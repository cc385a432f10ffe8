/** Typing a mention: `@` then part of a member's name, at the caret. */
export interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  /** What follows it, up to the caret. */
  query: string;
}

const isNameChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/**
 * The mention being typed just before `caret`, or null. As on the server, an `@` right after
 * a letter (an e-mail address) starts none; names may hold spaces, so the query may too, but
 * not a line break and not more than 40 characters.
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1 || isNameChar(before[at - 1])) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || query.startsWith(' ')) return null;
  return { start: at, query };
}

/** Members whose name starts with the query (or has a word that does), best first. */
export function mentionMatches<T extends { displayName: string }>(members: readonly T[], query: string, max = 6): T[] {
  const q = query.toLowerCase();
  const starts = members.filter((m) => m.displayName.toLowerCase().startsWith(q));
  const words = members.filter((m) => !starts.includes(m) && m.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)));
  return [...starts, ...words].slice(0, max);
}

/** The text with the mention replaced by `@Name ` and where the caret goes after it. */
export function insertMention(text: string, mention: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const rest = text.slice(caret);
  // One space after the name, whether or not one follows already.
  const inserted = rest.startsWith(' ') ? `@${name}` : `@${name} `;
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length + (rest.startsWith(' ') ? 1 : 0) };
}
