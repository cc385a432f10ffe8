import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CLAIM_STATUS_LABEL, SEARCH_TYPE_LABEL, type ClaimStatus, type SearchResult } from '@corroborate/contracts';
import { formatDay } from '../../../lib/format';
import { resultLink } from '../../discovery/links';
import { Snippet } from './Snippet';

/** One kind's name in the singular, for a result's badge. */
export const TYPE_NAME: Record<SearchResult['type'], string> = {
  article: 'Article',
  annotation: 'Annotation',
  claim: 'Claim',
  'claim-comment': 'Claim comment',
  evidence: 'Evidence',
  source: 'Source',
};

const statusLabel = (status: string) => CLAIM_STATUS_LABEL[status as ClaimStatus] ?? status;

export function ResultItem({ result, workspaceId }: { result: SearchResult; workspaceId: string }) {
  return (
    <Stack gap={4} className="search-result" data-result-type={result.type} data-result-id={result.id}>
      <Group gap={6} wrap="nowrap">
        <Badge size="xs" variant="light" title={SEARCH_TYPE_LABEL[result.type]}>
          {TYPE_NAME[result.type]}
        </Badge>
        <Anchor component={Link} to={resultLink(result, workspaceId)} fw={500} lineClamp={2}>
          {result.title || result.articleTitle || 'Untitled'}
        </Anchor>
      </Group>
      <Text size="sm">
        <Snippet snippet={result.snippet} />
      </Text>
      <Text size="xs" c="dimmed">
        {[
          result.articleTitle && result.type !== 'article' ? `in ${result.articleTitle}` : null,
          result.author?.displayName,
          result.status ? statusLabel(result.status) : null,
          formatDay(result.createdAt),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Stack>
  );
}
