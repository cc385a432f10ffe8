import Markdown, { type Components } from 'react-markdown';

/** Markdown that can only produce text formatting, lists, quotes, code and links. */
const ALLOWED = ['p', 'br', 'strong', 'em', 'del', 'a', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'hr'];

const components: Components = {
  // Links leave the app in a new tab and tell the target nothing about it.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
};

/**
 * An annotation's Markdown body. Raw HTML is dropped (`skipHtml`), anything outside the
 * allowed elements is reduced to its text, and react-markdown's default URL filter keeps
 * `javascript:` and similar links out.
 */
export function AnnotationBody({ source }: { source: string }) {
  return (
    <div className="annotation-body">
      <Markdown skipHtml allowedElements={ALLOWED} unwrapDisallowed components={components}>
        {source}
      </Markdown>
    </div>
  );
}
