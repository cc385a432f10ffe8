import { useMemo } from 'react';
import { Anchor, Text } from '@mantine/core';
import type { Revision } from '@corroborate/contracts';
import { citedSources } from '../structure';

const hostOf = (href: string) => {
  const url = new URL(href);
  return url.protocol === 'mailto:' ? url.pathname : url.host;
};

/** The links the article itself cites, each once: where a check of its sources starts. */
export function CitedSources({ revision }: { revision: Revision }) {
  const sources = useMemo(() => citedSources(revision.text, revision.marks), [revision.text, revision.marks]);
  if (!sources.length) return null;
  return (
    <section className="reader-sources" aria-labelledby="cited-sources-title">
      <h2 id="cited-sources-title" className="reader-sources-title">
        Sources cited in the article
      </h2>
      <ol>
        {sources.map((source) => (
          <li key={source.href}>
            <Anchor href={source.href} target="_blank" rel="noopener noreferrer">
              {source.text || source.href}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              {hostOf(source.href)}
            </Text>
          </li>
        ))}
      </ol>
    </section>
  );
}
