import type { Revision } from '@corroborate/contracts';

/**
 * One <p> per paragraph range. `data-start`/`data-end` are offsets into `revision.text`
 * (UTF-16 code units), which is what annotations anchor to.
 */
export function ArticleText({ revision }: { revision: Revision }) {
  const paragraphs =
    revision.paragraphs.length > 0 ? revision.paragraphs : [{ start: 0, end: revision.text.length }];

  return (
    <div className="reader-text" data-testid="article-text" data-revision={revision.number}>
      {paragraphs.map(({ start, end }) => (
        <p key={start} data-start={start} data-end={end}>
          {revision.text.slice(start, end)}
        </p>
      ))}
    </div>
  );
}
