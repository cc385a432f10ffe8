import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Evidence, Rating, Verdict } from '@corroborate/contracts';
import { formatDateTime } from '../../../lib/format';
import { AnnotationBody } from '../../annotations/components/AnnotationBody';
import { evidenceName } from '../evidenceName';
import { ratingLook } from '../ratings';
import { RatingBadge } from './RatingBadge';

/** One reviewer's verdict: rating, rationale and the evidence cited, as read side by side. */
export function VerdictCard({ verdict, scale, evidence }: { verdict: Verdict; scale: readonly Rating[] | undefined; evidence: readonly Evidence[] }) {
  const cited = verdict.evidenceIds.map((id) => evidence.find((e) => e.id === id));
  return (
    <Paper component="article" withBorder p="xs" radius="sm" className="verdict-card" data-verdict-id={verdict.id} aria-label={`Verdict of ${verdict.reviewer.displayName}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600}>
            {verdict.reviewer.displayName}
          </Text>
          <RatingBadge look={ratingLook(scale, verdict.rating)} size="sm" />
        </Group>
        {verdict.superseded && (
          <Badge size="xs" variant="outline" color="gray" tt="none">
            Replaced
          </Badge>
        )}
        {verdict.supersedeReason && (
          <Text size="xs" c="dimmed">
            Changed because: {verdict.supersedeReason}
          </Text>
        )}
        <div className="verdict-rationale">
          <AnnotationBody source={verdict.rationale} />
        </div>
        <div>
          <Text size="xs" fw={600}>
            Cited evidence
          </Text>
          {cited.length === 0 ? (
            <Text size="xs" c="dimmed">
              None cited.
            </Text>
          ) : (
            <ul className="verdict-evidence">
              {cited.map((e, i) => (
                <li key={verdict.evidenceIds[i]}>
                  <Text size="xs">{e ? evidenceName(e) : 'Evidence since removed'}</Text>
                </li>
              ))}
            </ul>
          )}
        </div>
        <Text size="xs" c="dimmed">
          <time dateTime={verdict.createdAt}>{formatDateTime(verdict.createdAt)}</time>
          {verdict.round > 1 ? ` · round ${verdict.round}` : ''}
        </Text>
      </Stack>
    </Paper>
  );
}
