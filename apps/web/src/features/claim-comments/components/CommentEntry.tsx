import { Button, Group, Text } from '@mantine/core';
import type { ClaimComment, Person } from '@corroborate/contracts';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { formatDateTime } from '../../../lib/format';
import { untouchedText, useRefusals } from '../../../lib/refusals';
import { AnnotationBody } from '../../annotations/components/AnnotationBody';
import type { ClaimCommentActions } from '../writes';
import { CommentForm } from './CommentForm';

interface CommentEntryProps {
  comment: ClaimComment;
  replies?: readonly ClaimComment[];
  canEdit: boolean;
  people: readonly Person[];
  actions: ClaimCommentActions;
}

/** One comment: who and when, its Markdown rendered as safely as annotation bodies, and its controls. */
export function CommentEntry({ comment, replies = [], canEdit, people, actions }: CommentEntryProps) {
  // The edit form: a refused edit reopens it, or waits beside what was typed since.
  const editing = useRefusals<string, null>({ startOf: () => comment.body, untouched: untouchedText });
  const noun = comment.replyTo ? 'reply' : 'comment';

  const save = (body: string) => {
    editing.settle();
    if (body !== comment.body) actions.update(comment, body, { onError: (error) => editing.refused({ target: null, value: body, error }) });
  };

  return (
    <div className="comment-entry" data-comment-id={comment.id}>
      <Group gap={6} align="baseline">
        <Text size="sm" fw={600}>
          {comment.author.displayName}
        </Text>
        <Text size="xs" c="dimmed">
          <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        </Text>
      </Group>
      {editing.open ? (
        <CommentForm
          key={editing.open.key}
          label={`Edit ${noun}`}
          people={people}
          initial={editing.open.initial}
          error={editing.open.error}
          kept={<KeptRefusals refusals={editing} what="Comment not saved" />}
          onChange={editing.track}
          submitLabel="Save"
          onSave={save}
          onCancel={editing.settle}
        />
      ) : (
        <AnnotationBody source={comment.body} />
      )}
      {canEdit && !editing.open && (
        <Group gap={2} mt={2}>
          <Button variant="subtle" color="gray" size="compact-xs" onClick={() => editing.openFor(null)}>
            Edit<span className="visually-hidden"> {noun}</span>
          </Button>
          <ConfirmButton
            size="compact-xs"
            title={`Delete ${noun}`}
            message={replies.length ? `This ${noun} and its ${replies.length === 1 ? 'reply' : `${replies.length} replies`} will be removed for everyone.` : `This ${noun} will be removed for everyone.`}
            confirmLabel="Delete"
            onConfirm={() => actions.remove(comment, replies)}
          >
            Delete<span className="visually-hidden"> {noun}</span>
          </ConfirmButton>
        </Group>
      )}
    </div>
  );
}
