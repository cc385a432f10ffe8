import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { ClaimComment, Person } from '@corroborate/contracts';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { formatDateTime } from '../../../lib/format';
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
  const [editing, setEditing] = useState<{ text?: string; error?: unknown } | null>(null);
  const noun = comment.replyTo ? 'reply' : 'comment';

  const save = (body: string) => {
    setEditing(null);
    if (body !== comment.body) actions.update(comment, body, { onError: (error) => setEditing({ text: body, error }) });
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
      {editing ? (
        <CommentForm
          key={String(editing.error ?? 'edit')}
          label={`Edit ${noun}`}
          people={people}
          initial={editing.text ?? comment.body}
          error={editing.error}
          submitLabel="Save"
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <AnnotationBody source={comment.body} />
      )}
      {canEdit && !editing && (
        <Group gap={2} mt={2}>
          <Button variant="subtle" color="gray" size="compact-xs" onClick={() => setEditing({})}>
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
