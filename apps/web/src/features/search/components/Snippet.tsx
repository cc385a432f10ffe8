import '../../discovery/components/discovery.css';
import type { Snippet as SnippetData } from '@corroborate/contracts';
import { snippetParts } from '../../discovery/links';

/** A search snippet with its matches in <mark>, built from ranges (never from HTML). */
export function Snippet({ snippet }: { snippet: SnippetData }) {
  return (
    <span className="snippet">
      {snippetParts(snippet).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
