import type { ReactNode } from 'react';
import { Anchor, Group, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ClaimListItem } from '@corroborate/contracts';
import { claimPath } from '../../paths';

/** One claim in a queue (mine, or the review queue): its statement linked to its panel, where it is from, badges and a line of detail. */
export function ClaimQueueItem({ claim, badges, detail, detailColor = 'dimmed' }: { claim: ClaimListItem; badges: ReactNode; detail: ReactNode; detailColor?: string }) {
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-claim-id={claim.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Anchor component={Link} to={claimPath(claim.articleId, claim.id)} fw={600}>
            {claim.statement}
          </Anchor>
          <Text size="xs" c="dimmed">
            {claim.articleTitle}
            {claim.claimant ? ` · ${claim.claimant}` : ''}
          </Text>
        </div>
        {badges}
      </Group>
      <Text size="xs" c={detailColor} mt={4}>
        {detail}
      </Text>
    </Paper>
  );
}
