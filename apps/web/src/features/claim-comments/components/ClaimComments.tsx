import { useMemo, useState } from 'react';
import { Button, Skeleton, Stack, Text } from '@mantine/core';
import type { Claim, ClaimComment, Member, Person } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
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

/** A form's state: remounted empty after a send, refilled with the text and the reason after a refusal. */
type Draft = { key: number; text?: string; error?: unknown };

/** Threads on the claim (one level of replies), oldest first. */
export function ClaimComments({ articleId, claim, canComment: mayComment, moderate, user, members, confirmed }: ClaimCommentsProps) {
  const comments = useClaimComments(articleId, claim.id, confirmed);
  const canComment = mayComment && confirmed;
  const actions = useClaimCommentActions(articleId, claim.id, user);
  const people = useMemo(() => members.map((m) => ({ id: m.userId, displayName: m.displayName })), [members]);
  const [draft, setDraft] = useState<Draft>({ key: 0 });
  const [replying, setReplying] = useState<{ to: string; text?: string; error?: unknown } | null>(null);

  const threads = useMemo(() => {
    const list = comments.data ?? [];
    const replies = new Map<string, ClaimComment[]>();
    for (const c of list) if (c.replyTo) replies.set(c.replyTo, [...(replies.get(c.replyTo) ?? []), c]);
    return list.filter((c) => !c.replyTo).map((root) => ({ root, replies: replies.get(root.id) ?? [] }));
  }, [comments.data]);
  const canEdit = (c: ClaimComment) => canComment && (c.author.id === user?.id || moderate);

  const send = (body: string) => {
    setDraft((d) => ({ key: d.key + 1 }));
    actions.add(body, null, { onError: (error) => setDraft((d) => ({ key: d.key + 1, text: body, error })) });
  };
  const reply = (to: string, body: string) => {
    setReplying(null);
    actions.add(body, to, { onError: (error) => setReplying({ to, text: body, error }) });
  };

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
              (replying?.to === root.id ? (
                <CommentForm
                  label="Reply"
                  people={people}
                  initial={replying.text}
                  error={replying.error}
                  submitLabel="Reply"
                  onSave={(body) => reply(root.id, body)}
                  onCancel={() => setReplying(null)}
                />
              ) : (
                <Button variant="subtle" size="compact-xs" onClick={() => setReplying({ to: root.id })}>
                  Reply<span className="visually-hidden"> to {root.author.displayName}</span>
                </Button>
              ))}
          </li>
        ))}
      </Stack>
      {canComment && <CommentForm key={draft.key} label="New comment" people={people} initial={draft.text} error={draft.error} onSave={send} />}
    </PanelSection>
  );
}
