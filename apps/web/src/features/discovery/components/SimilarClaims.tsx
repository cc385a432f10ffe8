import { Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconExternalLink, IconLinkOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CLAIM_STATUS_LABEL, type Claim, type ClaimRef, type FactChecks, type SimilarClaim } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeError } from '../../../lib/errors';
import { safeHref } from '../../annotations/linkPolicy';
import { MIN_STATEMENT, useDuplicateLink, useFactChecks, useSimilarClaims, type SimilarTarget } from '../api';
import { claimLink } from '../links';

interface SimilarClaimsProps {
  workspaceId: string;
  /** A statement being typed (debounced here), or… */
  statement?: string;
  /** …a claim: its similar claims, with "Link as duplicate" when `canLink`. */
  claim?: Claim;
  canLink?: boolean;
}

/** A claim elsewhere in the workspace: where it is, how far it got, and its rating. */
export function ClaimRefLine({ claim }: { claim: ClaimRef }) {
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={claimLink(claim)} size="sm" lineClamp={3}>
        {claim.statement}
      </Anchor>
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          in {claim.articleTitle}
        </Text>
        <Badge size="xs" variant="light" color="gray">
          {CLAIM_STATUS_LABEL[claim.status]}
        </Badge>
        {claim.rating && (
          <Badge size="xs" variant="filled" color="grape" data-testid="claim-rating">
            Rated {claim.rating}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

/** Published fact-checks; their addresses come from a third party, so only web links become links. */
export function FactCheckList({ answer }: { answer: FactChecks | undefined }) {
  if (!answer) return null;
  if (!answer.enabled) {
    return (
      <Text size="xs" c="dimmed">
        Published fact-checks are off (no Fact Check Tools key is configured).
      </Text>
    );
  }
  if (answer.error) {
    return (
      <Text size="xs" c="dimmed" role="status">
        Published fact-checks are unavailable right now{answer.error === 'timeout' ? ' (no answer in time)' : ''}.
      </Text>
    );
  }
  if (!answer.results.length) return <Text size="xs" c="dimmed">No published fact-checks found.</Text>;
  return (
    <Stack gap={6}>
      {answer.results.map((r) => {
        const href = safeHref(r.url);
        return (
          <Stack key={r.url} gap={0}>
            {href ? (
              <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
                {r.title ?? r.claim} <IconExternalLink size={12} aria-hidden />
              </Anchor>
            ) : (
              <Text size="sm">{r.title ?? r.claim}</Text>
            )}
            <Text size="xs" c="dimmed">
              {[r.publisher, r.rating && `rated “${r.rating}”`, r.reviewDate?.slice(0, 10)].filter(Boolean).join(' · ')}
            </Text>
          </Stack>
        );
      })}
    </Stack>
  );
}

/**
 * Claims like this one across the workspace's articles, with their status and rating, so a
 * desk reuses a verdict instead of redoing the work; and published fact-checks when the
 * integration is on. Works for a statement being typed or for an existing claim.
 */
export function SimilarClaims({ workspaceId, statement = '', claim, canLink = false }: SimilarClaimsProps) {
  const [debounced] = useDebouncedValue(statement, 300);
  const target: SimilarTarget = claim ? { workspaceId, claimId: claim.id } : { workspaceId, statement: debounced };
  const similar = useSimilarClaims(target);
  const factChecks = useFactChecks(target);
  const tooShort = !claim && debounced.trim().length < MIN_STATEMENT;

  return (
    <section className="similar-claims" aria-label="Similar claims">
      <Title order={3} size="h6" mb={6}>
        Similar claims
      </Title>
      {claim?.duplicateOf && <DuplicateOf claim={claim} canLink={canLink} />}
      {tooShort ? (
        <Text size="xs" c="dimmed">
          Type a little more to look for similar claims.
        </Text>
      ) : similar.isPending ? (
        <Loader size="xs" aria-label="Looking for similar claims" />
      ) : similar.isError ? (
        <ErrorAlert error={similar.error} onRetry={() => void similar.refetch()} />
      ) : similar.data.length === 0 ? (
        <Text size="xs" c="dimmed">
          No similar claims in this workspace.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" className="plain-list">
          {similar.data.map((s) => (
            <li key={s.id}>
              <SimilarItem item={s} claim={claim} canLink={canLink} />
            </li>
          ))}
        </Stack>
      )}
      <Title order={3} size="h6" mt="md" mb={6}>
        Published fact-checks
      </Title>
      {!tooShort && <FactCheckList answer={factChecks.data} />}
    </section>
  );
}

function SimilarItem({ item, claim, canLink }: { item: SimilarClaim; claim?: Claim; canLink: boolean }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" data-similar-id={item.id}>
      <ClaimRefLine claim={item} />
      <Stack gap={4} align="flex-end">
        <Text size="xs" c="dimmed" title="How alike the statements are">
          {Math.round(item.score * 100)}%
        </Text>
        {item.linked === 'duplicate' && (
          <Badge size="xs" variant="outline">
            Its duplicate
          </Badge>
        )}
        {claim && canLink && !item.linked && !claim.duplicates.length && <LinkButton claim={claim} originalId={item.id} />}
      </Stack>
    </Group>
  );
}

function LinkButton({ claim, originalId }: { claim: Claim; originalId: string }) {
  const { link } = useDuplicateLink(claim);
  return (
    <Button
      size="compact-xs"
      variant="light"
      leftSection={<IconCopy size={12} aria-hidden />}
      loading={link.isPending}
      onClick={() =>
        link.mutate(originalId, {
          onError: (error) => notifications.show({ color: 'red', ...describeError(error) }),
        })
      }
    >
      Link as duplicate
    </Button>
  );
}

/** A duplicate shows its original and the original's rating: that verdict is the one that counts. */
function DuplicateOf({ claim, canLink }: { claim: Claim; canLink: boolean }) {
  const { unlink } = useDuplicateLink(claim);
  const original = claim.duplicateOf!;
  return (
    <Stack gap={4} mb="sm" className="duplicate-of" data-testid="duplicate-of">
      <Text size="xs" fw={600}>
        Duplicate of
      </Text>
      <ClaimRefLine claim={original} />
      {canLink && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<IconLinkOff size={12} aria-hidden />}
          loading={unlink.isPending}
          onClick={() => unlink.mutate(undefined, { onError: (error) => notifications.show({ color: 'red', ...describeError(error) }) })}
          w="fit-content"
        >
          Unlink
        </Button>
      )}
    </Stack>
  );
}
