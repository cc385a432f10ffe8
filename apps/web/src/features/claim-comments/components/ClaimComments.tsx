import { useMemo } from 'react';
import { Button, Skeleton, Stack, Text } from '@mantine/core';
import type { Claim, ClaimComment, Member, Person } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { untouchedText, useRefusals } from '../../../lib/refusals';
import { PanelSection } from '../../claims/components/PanelSection';
import { useClaimComments } from '../api';
import { useClaimCommentActions } from '../writes';
import { CommentEntry } from './CommentEntry';
import { CommentForm } from './CommentForm';

interface ClaimCommentsProps {
  articleId: string;
  claim: Claim;
  canComment: boolean;
  moderate: boolean;
  user: Person | undefined;
  members: readonly Member[];
  /** The server has the claim: comments can be read and written. */
  confirmed: boolean;
}

const EMPTY = () => '';

/** Threads on the claim (one level of replies), oldest first. */
export function ClaimComments({ articleId, claim, canComment: mayComment, moderate, user, members, confirmed }: ClaimCommentsProps) {
  const comments = useClaimComments(articleId, claim.id, confirmed);
  const canComment = mayComment && confirmed;
  const actions = useClaimCommentActions(articleId, claim.id, user);
  const people = useMemo(() => members.map((m) => ({ id: m.userId, displayName: m.displayName })), [members]);
  // The new-comment form (always there) and the one reply form open, by thread: each starts
  // empty after a send, and a refused text comes back to it without taking newer typing.
  const draft = useRefusals<string, null>({ startOf: EMPTY, untouched: untouchedText, idle: { target: null } });
  const replying = useRefusals<string, string>({ startOf: EMPTY, untouched: untouchedText });

  const threads = useMemo(() => {
    const list = comments.data ?? [];
    const replies = new Map<string, ClaimComment[]>();
    for (const c of list) if (c.replyTo) replies.set(c.replyTo, [...(replies.get(c.replyTo) ?? []), c]);
    return list.filter((c) => !c.replyTo).map((root) => ({ root, replies: replies.get(root.id) ?? [] }));
  }, [comments.data]);
  const canEdit = (c: ClaimComment) => canComment && (c.author.id === user?.id || moderate);

  const send = (body: string) => {
    draft.settle();
    actions.add(body, null, { onError: (error) => draft.refused({ target: null, value: body, error }) });
  };
  const reply = (to: string, body: string) => {
    replying.settle();
    actions.add(body, to, { onError: (error) => replying.refused({ target: to, value: body, error }) });
  };
  const authorOf = (rootId: string) => threads.find((t) => t.root.id === rootId)?.root.author.displayName;

  return (
    <PanelSection title={`Comments${threads.length ? ` (${comments.data?.length ?? 0})` : ''}`} testId="claim-comments">
      {comments.isLoading && <Skeleton height={48} />}
      {comments.isError && <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />}
      {(comments.isSuccess || !confirmed) && threads.length === 0 && (
        <Text size="sm" c="dimmed">
          No comments yet.
        </Text>
      )}
      <Stack gap="sm" component="ul" className="comment-threads">
        {threads.map(({ root, replies }) => (
          <li key={root.id}>
            <CommentEntry comment={root} replies={replies} canEdit={canEdit(root)} people={people} actions={actions} />
            {replies.length > 0 && (
              <ul className="thread-replies" aria-label="Replies">
                {replies.map((r) => (
                  <li key={r.id}>
                    <CommentEntry comment={r} canEdit={canEdit(r)} people={people} actions={actions} />
                  </li>
                ))}
              </ul>
            )}
            {canComment &&
              (replying.open?.target === root.id ? (
                <CommentForm
                  key={replying.open.key}
                  label="Reply"
                  people={people}
                  initial={replying.open.initial}
                  error={replying.open.error}
                  kept={
                    <KeptRefusals
                      refusals={replying}
                      what={(kept) => (kept.target === root.id ? 'Reply not saved' : `Reply to ${authorOf(kept.target) ?? 'another comment'} not saved`)}
                    />
                  }
                  onChange={replying.track}
                  submitLabel="Reply"
                  onSave={(body) => reply(root.id, body)}
                  onCancel={replying.settle}
                />
              ) : (
                <Button variant="subtle" size="compact-xs" onClick={() => replying.openFor(root.id)}>
                  Reply<span className="visually-hidden"> to {root.author.displayName}</span>
                </Button>
              ))}
          </li>
        ))}
      </Stack>
      {canComment && draft.open && (
        <CommentForm
          key={draft.open.key}
          label="New comment"
          people={people}
          initial={draft.open.initial}
          error={draft.open.error}
          kept={<KeptRefusals refusals={draft} what="Comment not saved" />}
          onChange={draft.track}
          onSave={send}
        />
      )}
    </PanelSection>
  );
}
