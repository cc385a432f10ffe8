/** Mentions looked at in one text; more are ignored. */
const MAX_MENTIONS = 50;

const isNameChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/**
 * The members a text mentions as `@Display Name` (case-insensitive; the longest name wins, so
 * "@Ana Lima" is Ana Lima, not Ana). Bounded: at most 50 `@`s, each compared with each name.
 */
export function findMentions(text: string, members: readonly { id: string; displayName: string }[]): string[] {
  const names = members
    .map((m) => ({ id: m.id, name: m.displayName.toLowerCase() }))
    .filter((m) => m.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const lower = text.toLowerCase();
  const found = new Set<string>();
  let seen = 0;
  for (let at = lower.indexOf('@'); at !== -1 && seen < MAX_MENTIONS; at = lower.indexOf('@', at + 1), seen++) {
    // An address (ana@example.org) is not a mention.
    if (isNameChar(lower[at - 1])) continue;
    const match = names.find((m) => lower.startsWith(m.name, at + 1) && !isNameChar(lower[at + 1 + m.name.length]));
    if (match) found.add(match.id);
  }
  return [...found];
}
