import { Anchor, Code, Group, Text, Tooltip } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { Article } from '@corroborate/contracts';
import { formatCount, formatDay, formatPublished, sourceHost } from '../../../lib/format';

export function ArticleByline({ article }: { article: Article }) {
  const host = sourceHost(article.sourceUrl);
  // Only web links become anchors, whatever the stored value holds.
  const href = article.sourceUrl && /^https?:\/\//i.test(article.sourceUrl) ? article.sourceUrl : null;
  const { revision } = article;

  return (
    <Group gap="xs" c="dimmed" fz="sm" className="reader-byline" wrap="wrap">
      {article.author && (
        <Text span fz="sm" c="var(--mantine-color-text)" fw={600}>
          By {article.author}
        </Text>
      )}
      {article.publishedAt && (
        <Text span fz="sm">
          Published <time dateTime={article.publishedAt}>{formatPublished(article.publishedAt)}</time>
        </Text>
      )}
      {href && (
        <Anchor href={href} target="_blank" rel="noopener noreferrer" fz="sm">
          <Group gap={4} wrap="nowrap" component="span">
            {host ?? href}
            <IconExternalLink size={14} aria-label="(opens in a new tab)" />
          </Group>
        </Anchor>
      )}
      <Text span fz="sm">
        {formatCount(article.wordCount)} words
      </Text>
      <Text span fz="sm" data-testid="revision-number">
        Revision {revision.number}
      </Text>
      <Tooltip label={`SHA-256 ${revision.sha256}`} withArrow>
        <Code data-testid="revision-sha" aria-label={`SHA-256 ${revision.sha256}`} tabIndex={0}>
          {revision.sha256.slice(0, 12)}
        </Code>
      </Tooltip>
      <Text span fz="sm">
        Imported {formatDay(article.createdAt)}
      </Text>
    </Group>
  );
}
