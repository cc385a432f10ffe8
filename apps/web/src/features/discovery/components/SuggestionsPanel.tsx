import { useEffect, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Group, Skeleton, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheckbox, IconEdit, IconX } from '@tabler/icons-react';
import { CANDIDATE_REASON_LABEL, can, type Article, type Claim, type ClaimCandidate, type WorkspaceRole } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeError } from '../../../lib/errors';
import { useClaimCandidates, useClaimFromCandidate, useDismissCandidate, useRestoreCandidate } from '../api';
import { SimilarClaims } from './SimilarClaims';

interface SuggestionsPanelProps {
  article: Article;
  role: WorkspaceRole | null;
  /** The faint marker on suggested sentences in the text. */
  showMarkers: boolean;
  onShowMarkersChange: (show: boolean) => void;
  /** A suggestion picked in the text: its card is brought into view and focused. */
  focusHash: string | null;
  onShowInText: (candidate: ClaimCandidate) => void;
  /** A suggestion became a claim. */
  onClaimCreated: (claim: Claim) => void;
}

/**
 * Check-worthy sentences of the article, best first, with why each was suggested. One click
 * (or `c` on a focused card) makes the sentence a claim anchored to it; `x` dismisses it for
 * the whole workspace, and dismissed ones can be brought back.
 */
export function SuggestionsPanel({ article, role, showMarkers, onShowMarkersChange, focusHash, onShowInText, onClaimCreated }: SuggestionsPanelProps) {
  const candidates = useClaimCandidates(article.id);
  const [showDismissed, setShowDismissed] = useState(false);
  const canAct = !!role && can.analyse(role);
  const list = candidates.data ?? [];
  const open = list.filter((c) => !c.dismissed);
  const dismissed = list.filter((c) => c.dismissed);

  useEffect(() => {
    if (!focusHash) return;
    const card = document.querySelector<HTMLElement>(`[data-suggestion-hash="${CSS.escape(focusHash)}"]`);
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    card?.focus({ preventScroll: true });
  }, [focusHash, candidates.data]);

  return (
    <section className="suggestions-panel" aria-label="Suggestions">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} className="threads-title">
          Suggestions{candidates.isSuccess && <span className="threads-count"> {open.length}</span>}
        </Title>
        <Switch size="xs" label="Mark in text" checked={showMarkers} onChange={(e) => onShowMarkersChange(e.currentTarget.checked)} />
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        Sentences worth checking, best first.{canAct ? ' Focus one and press c to make it a claim, x to dismiss it.' : ''}
      </Text>
      {candidates.isPending && (
        <Stack gap="sm" role="status" aria-label="Loading suggestions">
          <Skeleton height={80} />
          <Skeleton height={80} />
        </Stack>
      )}
      {candidates.isError && <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />}
      {candidates.isSuccess && open.length === 0 && (
        <Text size="sm" c="dimmed">
          No suggestions left: every check-worthy sentence is claimed or dismissed.
        </Text>
      )}
      <Stack gap="sm" component="ul" className="plain-list">
        {open.map((c) => (
          <li key={c.hash}>
            <SuggestionCard article={article} candidate={c} canAct={canAct} onShowInText={onShowInText} onClaimCreated={onClaimCreated} />
          </li>
        ))}
      </Stack>
      {dismissed.length > 0 && (
        <Switch mt="md" size="xs" label={`Show dismissed (${dismissed.length})`} checked={showDismissed} onChange={(e) => setShowDismissed(e.currentTarget.checked)} />
      )}
      {showDismissed && (
        <Stack gap="sm" mt="sm" component="ul" className="plain-list" aria-label="Dismissed suggestions">
          {dismissed.map((c) => (
            <li key={c.hash}>
              <SuggestionCard article={article} candidate={c} canAct={canAct} onShowInText={onShowInText} onClaimCreated={onClaimCreated} />
            </li>
          ))}
        </Stack>
      )}
    </section>
  );
}

interface CardProps {
  article: Article;
  candidate: ClaimCandidate;
  canAct: boolean;
  onShowInText: (candidate: ClaimCandidate) => void;
  onClaimCreated: (claim: Claim) => void;
}

function SuggestionCard({ article, candidate, canAct, onShowInText, onClaimCreated }: CardProps) {
  const makeClaim = useClaimFromCandidate(article);
  const dismiss = useDismissCandidate(article.id);
  const restore = useRestoreCandidate(article.id);
  const [editing, setEditing] = useState(false);
  const [statement, setStatement] = useState(candidate.sentence);
  const fail = (error: unknown) => notifications.show({ color: 'red', ...describeError(error) });

  const create = (text?: string) =>
    makeClaim.mutate(
      { candidate, statement: text },
      {
        onSuccess: (claim) => {
          notifications.show({ color: 'teal', title: 'Claim created', message: claim.statement.slice(0, 120) });
          onClaimCreated(claim);
        },
        onError: fail,
      },
    );
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'enter') onShowInText(candidate);
    else if (key === 'c' && canAct && !candidate.dismissed) create();
    else if (key === 'x' && canAct && !candidate.dismissed) dismiss.mutate(candidate, { onError: fail });
    else return;
    event.preventDefault();
  };

  return (
    <article
      className={`suggestion-card${candidate.dismissed ? ' is-dismissed' : ''}`}
      tabIndex={0}
      data-suggestion-hash={candidate.hash}
      aria-label={`Suggestion: ${candidate.sentence.slice(0, 80)}`}
      aria-keyshortcuts={canAct ? 'c x Enter' : 'Enter'}
      onKeyDown={onKeyDown}
    >
      <Text size="sm" className="suggestion-sentence" onClick={() => onShowInText(candidate)} lineClamp={editing ? undefined : 4}>
        {candidate.sentence}
      </Text>
      <Group gap={4} mt={6} aria-label="Why it was suggested">
        {candidate.reasons.map((r) => (
          <Badge key={r} size="xs" variant="light" color="indigo">
            {CANDIDATE_REASON_LABEL[r]}
          </Badge>
        ))}
        <Text size="xs" c="dimmed" ml="auto" title="How check-worthy the sentence looks">
          {Math.round(candidate.score * 100)}%
        </Text>
      </Group>
      {canAct && !editing && (
        <Group gap={6} mt="xs">
          {candidate.dismissed ? (
            <Button size="compact-xs" variant="subtle" leftSection={<IconArrowBackUp size={14} aria-hidden />} loading={restore.isPending} onClick={() => restore.mutate(candidate, { onError: fail })}>
              Restore
            </Button>
          ) : (
            <>
              <Button size="compact-xs" leftSection={<IconCheckbox size={14} aria-hidden />} loading={makeClaim.isPending} onClick={() => create()}>
                Make claim
              </Button>
              <Button size="compact-xs" variant="default" leftSection={<IconEdit size={14} aria-hidden />} onClick={() => setEditing(true)}>
                Edit first
              </Button>
              <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconX size={14} aria-hidden />} loading={dismiss.isPending} onClick={() => dismiss.mutate(candidate, { onError: fail })}>
                Dismiss
              </Button>
            </>
          )}
        </Group>
      )}
      {editing && (
        <Stack gap="xs" mt="xs">
          <Textarea label="Statement" autosize minRows={2} maxRows={8} value={statement} onChange={(e) => setStatement(e.currentTarget.value)} />
          <SimilarClaims workspaceId={article.workspaceId} statement={statement} />
          <Group gap={6}>
            <Button size="compact-sm" loading={makeClaim.isPending} disabled={!statement.trim()} onClick={() => create(statement.trim())}>
              Create claim
            </Button>
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      )}
    </article>
  );
}
