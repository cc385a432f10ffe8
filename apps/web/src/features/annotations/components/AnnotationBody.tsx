import { lazy, Suspense } from 'react';
import { isPlainText } from '../plainText';

const MarkdownBody = lazy(() => import('./MarkdownBody'));

/**
 * An annotation's body. Most are a line of plain text, which Markdown would render as one
 * paragraph: those are drawn as such at once. The rest wait for the Markdown renderer (set up
 * the first time one is shown), with their text meanwhile.
 */
export function AnnotationBody({ source }: { source: string }) {
  const text = <p>{source}</p>;
  return (
    <div className="annotation-body">
      {isPlainText(source) ? (
        text
      ) : (
        <Suspense fallback={text}>
          <MarkdownBody source={source} />
        </Suspense>
      )}
    </div>
  );
}
