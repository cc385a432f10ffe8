import { useCallback, useMemo, useState } from 'react';
import { Anchor, Button, Group, Skeleton, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { can, ClaimStatus, type Claim } from '@corroborate/contracts';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { KeptRefusals } from '../../../../components/KeptRefusals';
import { NotFoundPage } from '../../../../components/NotFoundPage';
import { PageHeader } from '../../../../components/PageHeader';
import { WriteError } from '../../../../components/WriteError';
import { isApiError } from '../../../../lib/http';
import { useRefusals } from '../../../../lib/refusals';
import { byCreatedAt } from '../../../../lib/time';
import { useArticle } from '../../../articles/api';
import { useReaderView } from '../../../articles/readerView';
import { useMe } from '../../../auth/api';
import { ConnectionBanner } from '../../../live/components/ConnectionBanner';
import { useArticleLive } from '../../../live/useArticleLive';
import { useMembers } from '../../../members/api';
import { useClaims } from '../../api';
import { claimStart } from '../../optimistic';
import { useClaimActions } from '../../writes';
import { claimDraftText, untouchedDraft, type ClaimDraft } from '../ClaimComposer';
import { ReasonModal } from '../ReasonModal';
import { BoardColumn } from './BoardColumn';
import { MoveMenu, type MoveMenuTarget } from './MoveMenu';
import { NewClaimModal } from './NewClaimModal';
import { useBoardMoves } from './useBoardMoves';
import '../claims.css';
import './board.css';

const byReadingOrder = (a: Claim, b: Claim) => claimStart(a) - claimStart(b) || byCreatedAt(a, b);
const EMPTY_DRAFT = (): ClaimDraft => ({ statement: '', claimant: '' });

/** An article's claims in columns by status, live from the article's events. */
export function ClaimsBoardPage() {
  const { articleId = '' } = useParams();
  // The reader's one request: the article, its claims and the seq the live join resumes from.
  const opened = useReaderView(articleId);
  const article = useArticle(articleId, { fetch: !opened.isFetching });
  const live = useArticleLive(articleId);
  useDocumentTitle(article.data ? `Claims board · ${article.data.title} · Corroborate` : 'Claims board · Corroborate');

  if (article.isPending) return <Skeleton height={400} />;
  if (article.isError) {
    if (isApiError(article.error, 'NOT_FOUND') || isApiError(article.error, 'FORBIDDEN')) {
      return <NotFoundPage message="This article does not exist or belongs to a workspace you are not in." />;
    }
    return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;
  }
  return (
    <>
      <ConnectionBanner status={live.status} />
      <Board article={article.data} />
    </>
  );
}

function Board({ article }: { article: NonNullable<ReturnType<typeof useArticle>['data']> }) {
  const me = useMe();
  const user = me.data?.user;
  const role = me.data?.workspaces.find((w) => w.id === article.workspaceId)?.role ?? null;
  const claims = useClaims(article.id);
  const members = useMembers(article.workspaceId);
  const people = useMemo(() => (members.data ?? []).map((m) => ({ id: m.userId, displayName: m.displayName })), [members.data]);
  const person = useMemo(() => (user ? { id: user.id, displayName: user.displayName } : undefined), [user]);
  const actions = useClaimActions(article, person, people);
  const moves = useBoardMoves(role, user?.id, actions);
  const [menu, setMenu] = useState<MoveMenuTarget | null>(null);
  const openMoves = useCallback((claim: Claim, button: HTMLElement) => setMenu({ claim, button }), []);
  const { setDragging } = moves;
  const endDrag = useCallback(() => setDragging(null), [setDragging]);
  const adding = useRefusals<ClaimDraft, null>({ startOf: EMPTY_DRAFT, untouched: untouchedDraft });
  const add = (draft: ClaimDraft) => {
    adding.settle();
    // The card appears in Open at once; the board stays, so a refusal can bring the form back.
    actions.create(draft, { onError: (error) => adding.refused({ target: null, value: draft, error }) });
  };

  const columns = useMemo(() => {
    const by = new Map<ClaimStatus, Claim[]>(ClaimStatus.options.map((s) => [s, []]));
    for (const claim of claims.data ?? []) by.get(claim.status)!.push(claim);
    for (const list of by.values()) list.sort(byReadingOrder);
    return by;
  }, [claims.data]);

  const askedMove = moves.asking.open;
  const dropMoveFor = (status: ClaimStatus) => (moves.dragging ? (moves.transitionsOf(moves.dragging).find((t) => t.to === status) ?? null) : null);

  return (
    <>
      <Anchor component={Link} to={`/articles/${article.id}`} fz="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          Back to the article
        </Group>
      </Anchor>
      <PageHeader
        actions={
          role && can.analyse(role) ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => adding.openFor(null)}>
              New claim
            </Button>
          ) : null
        }
        title="Claims board"
        description={
          <>
            {article.title}. Drag a card to another column, or use its move menu; only the moves the workflow allows you are offered.
          </>
        }
      />
      {claims.isError && <ErrorAlert error={claims.error} onRetry={() => void claims.refetch()} />}
      <WriteError error={moves.error} what="Not moved" onDismiss={() => moves.setError(null)} />
      {claims.isPending ? (
        <Skeleton height={360} />
      ) : claims.data?.length === 0 ? (
        <Text c="dimmed">No claims yet. Select a passage in the article and choose “Make claim”, or add one here.</Text>
      ) : (
        <div className="claims-board" data-testid="claims-board">
          {ClaimStatus.options.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              claims={columns.get(status)!}
              transitionsOf={moves.transitionsOf}
              dropMove={dropMoveFor(status)}
              dragging={!!moves.dragging}
              onOpenMoves={openMoves}
              onDragStart={moves.setDragging}
              onDragEnd={endDrag}
              onDrop={(t) => moves.dragging && moves.move(moves.dragging, t)}
            />
          ))}
        </div>
      )}
      {adding.open && (
        <NewClaimModal
          key={adding.open.key}
          workspaceId={article.workspaceId}
          opened
          initial={adding.open.initial}
          error={adding.open.error}
          kept={<KeptRefusals refusals={adding} what="Claim not saved" text={(k) => claimDraftText(k.value)} />}
          onChange={adding.track}
          onSave={add}
          onClose={adding.settle}
        />
      )}
      <MoveMenu target={menu} transitionsOf={moves.transitionsOf} onMove={moves.move} onClose={() => setMenu(null)} />
      {askedMove && (
        <ReasonModal
          key={askedMove.key}
          transition={askedMove.target.transition}
          initial={askedMove.initial}
          error={askedMove.error}
          kept={<KeptRefusals refusals={moves.asking} what={(k) => `Not moved (${k.target.transition.label}: ${k.target.claim.statement})`} />}
          onChange={moves.asking.track}
          onSubmit={(reason) => moves.move(askedMove.target.claim, askedMove.target.transition, reason)}
          onClose={moves.asking.settle}
        />
      )}
    </>
  );
}
