import { Badge, Button, CloseButton, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { CLAIM_STATUS_LABEL, can, type WorkspaceRole } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useClaim } from '../api';
import { SimilarClaims } from './SimilarClaims';

interface ClaimFocusProps {
  claimId: string;
  role: WorkspaceRole | null;
  onShowInText: (span: { start: number; end: number }) => void;
  onClose: () => void;
}

/**
 * The claim a link opened (`?claim=`): its statement, status and rating, with the similar
 * claims across the workspace and the duplicate link. The full claim panel can take its place.
 */
export function ClaimFocus({ claimId, role, onShowInText, onClose }: ClaimFocusProps) {
  const claim = useClaim(claimId);
  if (claim.isPending) return <Skeleton height={120} aria-label="Loading claim" />;
  if (claim.isError) return <ErrorAlert error={claim.error} onRetry={() => void claim.refetch()} />;
  const c = claim.data;
  const span = c.spans.find((s) => !s.orphaned)?.target.selector[1];
  return (
    <section className="claim-focus" aria-label="Claim" data-claim-id={c.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={6}>
        <Title order={2} className="threads-title">
          Claim
        </Title>
        <CloseButton aria-label="Close the claim" onClick={onClose} />
      </Group>
      <Stack gap={6} mb="md">
        <Text size="sm" fw={500} className="claim-focus-statement">
          {c.statement}
        </Text>
        <Group gap={6}>
          <Badge size="sm" variant="light">
            {CLAIM_STATUS_LABEL[c.status]}
          </Badge>
          {(c.rating ?? c.duplicateOf?.rating) && (
            <Badge size="sm" color="grape">
              Rated {c.rating ?? c.duplicateOf?.rating}
              {!c.rating && ' (its original)'}
            </Badge>
          )}
          {span && (
            <Button size="compact-xs" variant="subtle" onClick={() => onShowInText(span)}>
              Show in text
            </Button>
          )}
        </Group>
      </Stack>
      <SimilarClaims workspaceId={c.workspaceId} claim={c} canLink={!!role && can.analyse(role)} />
    </section>
  );
}
