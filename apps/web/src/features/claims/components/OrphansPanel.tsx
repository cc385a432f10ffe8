import { Anchor, Badge, Button, CloseButton, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import { can, type Annotation, type Claim, type WorkspaceRole } from '@corroborate/contracts';
import { lookOf } from '../../annotations/motivations';
import { claimPath } from '../paths';
import { abilitiesFor } from '../status';

interface OrphansPanelProps {
  articleId: string;
  claims: readonly Claim[];
  /** Thread roots anchored to an older revision. */
  annotations: readonly Annotation[];
  role: WorkspaceRole | null;
  userId: string | undefined;
  onReattach: (claimId: string, spanId: string) => void;
  onReattachAnnotation: (annotationId: string) => void;
  onClose: () => void;
}

const shorten = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Claims and annotations whose passages a revision lost; both are re-attached by selecting new text. */
export function OrphansPanel({ articleId, claims, annotations, role, userId, onReattach, onReattachAnnotation, onClose }: OrphansPanelProps) {
  const headingId = useId();
  const orphanClaims = claims.flatMap((claim) => claim.spans.filter((s) => s.orphaned).map((span) => ({ claim, span })));
  return (
    <aside className="claim-panel" aria-labelledby={headingId} data-testid="orphans-panel">
      <Group className="claim-panel-head" justify="space-between" wrap="nowrap">
        <Title order={2} id={headingId} size="h4">
          Orphans
        </Title>
        <CloseButton aria-label="Close orphans" onClick={onClose} />
      </Group>
      <div className="claim-panel-body">
        <Text size="sm" c="dimmed" mb="md">
          Passages a later revision changed so much that they could not be found again.
        </Text>
        <Title order={3} className="claim-section-title" mb={6}>
          Claims ({orphanClaims.length})
        </Title>
        {orphanClaims.length === 0 && (
          <Text size="sm" c="dimmed" mb="md">
            Every claim is anchored.
          </Text>
        )}
        <Stack gap="sm" mb="lg">
          {orphanClaims.map(({ claim, span }) => (
            <div key={span.id} className="orphan-item" data-span-id={span.id}>
              <Anchor component={Link} to={claimPath(articleId, claim.id)} size="sm" fw={600}>
                {shorten(claim.statement)}
              </Anchor>
              <blockquote className="thread-quote is-detached">“{shorten(span.target.selector[0].exact)}”</blockquote>
              {abilitiesFor(claim, role, userId).edit && (
                <Button size="compact-xs" variant="light" onClick={() => onReattach(claim.id, span.id)}>
                  Re-attach<span className="visually-hidden"> “{shorten(claim.statement, 40)}”</span>
                </Button>
              )}
            </div>
          ))}
        </Stack>
        <Title order={3} className="claim-section-title" mb={6}>
          Annotations ({annotations.length})
        </Title>
        {annotations.length === 0 && (
          <Text size="sm" c="dimmed">
            Every annotation is anchored.
          </Text>
        )}
        <Stack gap="sm">
          {annotations.map((a) => (
            <div key={a.id} className="orphan-item" data-annotation-id={a.id}>
              <Badge size="xs" variant="light" color={lookOf(a).color}>
                {lookOf(a).label}
              </Badge>
              <blockquote className="thread-quote is-detached">“{shorten(a.target.selector[0].exact)}”</blockquote>
              {a.body && <Text size="sm">{shorten(a.body, 200)}</Text>}
              {role && can.annotate(role) && (a.author.id === userId || can.moderate(role)) && (
                <Button size="compact-xs" variant="light" onClick={() => onReattachAnnotation(a.id)}>
                  Re-attach<span className="visually-hidden"> the {lookOf(a).label.toLowerCase()} on “{shorten(a.target.selector[0].exact, 40)}”</span>
                </Button>
              )}
            </div>
          ))}
        </Stack>
      </div>
    </aside>
  );
}
