import { useState } from 'react';
import { Button, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Claim, Person, WorkspaceRole } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { AnnotationBody } from '../../annotations/components/AnnotationBody';
import { PanelSection } from '../../claims/components/PanelSection';
import { useEvidence } from '../../evidence/api';
import { useClaimReview, useRatingScale } from '../api';
import { agreedRating, currentVerdicts, pastVerdicts, progressText, reviewView } from '../progress';
import { ratingLook } from '../ratings';
import { AdjudicationForm, ConfirmationForm } from './DecisionForms';
import { RatingBadge } from './RatingBadge';
import { VerdictCard } from './VerdictCard';
import { VerdictForm } from './VerdictForm';
import './review.css';

const DECISION_WORDS = { consensus: 'The verdicts agreed', confirmation: 'Confirmed by', adjudication: 'Adjudicated by', reopen: 'Reopened by' } as const;

interface ReviewSectionProps {
  claim: Claim;
  role: WorkspaceRole | null;
  user: Person | undefined;
  /** The server has the claim (its create was answered). */
  confirmed: boolean;
}

/**
 * The claim's review in its panel. Blind: until I give my verdict, the server sends me nobody
 * else's, and this shows only how many are in. Then the verdicts side by side, and for editors
 * the adjudication (or confirmation) that decides the claim.
 */
export function ReviewSection({ claim, role, user, confirmed }: ReviewSectionProps) {
  const view = reviewView(claim, role, user?.id);
  const enabled = confirmed && view.visible;
  const detail = useClaimReview(claim.articleId, claim.id, enabled);
  const scale = useRatingScale(claim.workspaceId);
  const evidence = useEvidence(claim.articleId, claim.id, enabled);
  const [superseding, setSuperseding] = useState(false);
  if (!enabled) return null;

  const record = detail.data;
  const standing = record ? currentVerdicts(record) : [];
  const earlier = record ? pastVerdicts(record) : [];
  const mine = standing.find((v) => v.reviewer.id === user?.id);
  const decision = record?.decisions.filter((d) => d.round === claim.review.round && d.kind !== 'reopen').at(-1);
  const items = evidence.data ?? [];

  return (
    <PanelSection title="Review" testId="claim-review">
      <Stack gap="sm">
        <Group gap="xs" justify="space-between">
          <Text size="sm" data-testid="review-progress" aria-live="polite">
            {progressText(claim.review)}
            {claim.review.round > 1 ? ` · round ${claim.review.round}` : ''}
          </Text>
          {claim.status === 'resolved' && claim.rating && (
            <Group gap={6}>
              <Text size="sm">Final rating</Text>
              <RatingBadge look={ratingLook(scale.data, claim.rating)} data-testid="final-rating" />
            </Group>
          )}
        </Group>
        {claim.status === 'resolved' && decision && (
          <div className="review-decision">
            <Text size="xs" c="dimmed">
              {DECISION_WORDS[decision.kind]}
              {decision.actor && decision.kind !== 'consensus' ? ` ${decision.actor.displayName}` : ''} · <time dateTime={decision.createdAt}>{formatDateTime(decision.createdAt)}</time>
            </Text>
            {decision.rationale && <AnnotationBody source={decision.rationale} />}
          </div>
        )}
        {view.refusal && (
          <Text size="sm" c="dimmed">
            {view.refusal}
          </Text>
        )}
        {(detail.isLoading || scale.isLoading) && <Skeleton height={80} />}
        {detail.isError && <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
        {scale.isError && <ErrorAlert error={scale.error} onRetry={() => void scale.refetch()} />}

        {view.mayGiveVerdict && user && scale.data && (
          <VerdictForm claim={claim} userId={user.id} scale={scale.data} evidence={items} />
        )}
        {record?.verdictsHidden && !view.mayGiveVerdict && claim.review.submitted > 0 && (
          <Text size="sm" c="dimmed">
            The verdicts stay hidden until the review is decided.
          </Text>
        )}
        {record?.verdictsHidden && view.mayGiveVerdict && claim.review.submitted > 0 && (
          <Text size="sm" c="dimmed">
            The other ratings stay hidden until you give yours.
          </Text>
        )}

        {record && !record.verdictsHidden && standing.length > 0 && (
          <section aria-labelledby={`verdicts-${claim.id}`} data-testid="verdicts">
            <Title order={4} size="h6" id={`verdicts-${claim.id}`} mb={6}>
              {claim.status === 'disputed' ? 'The verdicts differ' : 'Verdicts'}
            </Title>
            <SimpleGrid cols={standing.length > 1 ? 2 : 1} spacing="xs">
              {standing.map((v) => (
                <VerdictCard key={v.id} verdict={v} scale={scale.data} evidence={items} />
              ))}
            </SimpleGrid>
          </section>
        )}

        {view.maySupersede && mine && user && scale.data && !superseding && (
          <Group justify="flex-end">
            <Button variant="subtle" size="compact-sm" onClick={() => setSuperseding(true)}>
              Change my verdict
            </Button>
          </Group>
        )}
        {view.maySupersede && mine && user && scale.data && superseding && (
          <VerdictForm
            claim={claim}
            userId={user.id}
            scale={scale.data}
            evidence={items}
            supersedes={mine.id}
            onDone={() => setSuperseding(false)}
            onCancel={() => setSuperseding(false)}
          />
        )}

        {view.mayAdjudicate && user && scale.data && <AdjudicationForm claim={claim} userId={user.id} scale={scale.data} />}
        {view.mayConfirm && <ConfirmationForm claim={claim} rating={agreedRating(standing)} scale={scale.data} />}

        {record && !record.verdictsHidden && earlier.length > 0 && (
          <details className="review-earlier">
            <summary>
              <Text span size="sm">
                Earlier verdicts ({earlier.length})
              </Text>
            </summary>
            <Stack gap="xs" mt="xs">
              {earlier.map((v) => (
                <VerdictCard key={v.id} verdict={v} scale={scale.data} evidence={items} />
              ))}
            </Stack>
          </details>
        )}
      </Stack>
    </PanelSection>
  );
}
