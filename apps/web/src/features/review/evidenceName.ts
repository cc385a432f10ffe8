import type { Evidence } from '@corroborate/contracts';

/** How a piece of evidence is named in a list: its title, else its publisher or excerpt, else its address. */
export function evidenceName(e: Pick<Evidence, 'title' | 'publisher' | 'excerpt' | 'url'>): string {
  const excerpt = e.excerpt && (e.excerpt.length > 80 ? `${e.excerpt.slice(0, 79)}…` : e.excerpt);
  return e.title || (e.publisher && excerpt ? `${e.publisher}: “${excerpt}”` : null) || excerpt || e.publisher || e.url || 'Untitled evidence';
}
