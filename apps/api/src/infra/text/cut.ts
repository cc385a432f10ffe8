/**
 * `text` cut to at most `max` UTF-16 units, an ellipsis marking the cut; never between the two
 * halves of an emoji (half of one is no text: PostgreSQL refuses it as a parameter).
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
