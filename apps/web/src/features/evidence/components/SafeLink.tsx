import { Anchor, Text } from '@mantine/core';
import { EvidenceUrl } from '@corroborate/contracts';

/**
 * An evidence address: shown as inert text (never rendered as markup), with a link beside it
 * only for http(s) addresses, opening in a new tab that learns nothing about this one.
 */
export function SafeLink({ url }: { url: string }) {
  const safe = EvidenceUrl.safeParse(url).success;
  return (
    <Text size="xs" className="evidence-url">
      <span className="evidence-url-text">{url}</span>
      {safe && (
        <>
          {' '}
          <Anchor href={url} target="_blank" rel="noopener noreferrer" size="xs">
            Open<span className="visually-hidden"> {url}</span>
          </Anchor>
        </>
      )}
    </Text>
  );
}
