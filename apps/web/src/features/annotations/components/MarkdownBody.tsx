import Markdown, { type Components } from 'react-markdown';
import { safeHref } from '../linkPolicy';

/** Markdown that can only produce text formatting, lists, quotes, code and links. */
const ALLOWED = ['p', 'br', 'strong', 'em', 'del', 'a', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'hr'];

const components: Components = {
  // Links leave the app in a new tab and tell the target nothing about it. A link to anything
  // but http(s) or mailto (react-markdown blanks `javascript:` ones, which would then open the
  // app itself) is shown as its text.
  a: ({ node: _node, href, children, ...props }) => {
    const target = safeHref(href);
    if (!target) return <span className="unsafe-link">{children}</span>;
    return (
      <a {...props} href={target} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  },
};

/**
 * A body rendered as Markdown: raw HTML is dropped (`skipHtml`), anything outside the allowed
 * elements is reduced to its text, and links only open http(s) and mailto targets. Loaded on
 * demand (see AnnotationBody): the parser is a third of the client's libraries.
 */
export default function MarkdownBody({ source }: { source: string }) {
  return (
    <Markdown skipHtml allowedElements={ALLOWED} unwrapDisallowed components={components}>
      {source}
    </Markdown>
  );
}
