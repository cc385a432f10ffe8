import { useId, useState } from 'react';
import type { Annotation } from '@corroborate/contracts';
import { CardBadge, CardButton } from '../../../components/CardParts';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { describeError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import type { AnnotationActions } from '../api';
import { draftStore } from '../draftStore';
import { lookOf } from '../motivations';
import { conflictCurrent } from '../writes';
import { AnnotationBody } from './AnnotationBody';
import { EarlierVersions, EditedMarker } from './EarlierVersions';
import { EditAnnotationForm } from './EditAnnotationForm';

interface AnnotationEntryProps {
  annotation: Annotation;
  /** Replies that go when this one is deleted. */
  replies?: readonly Annotation[];
  pending: boolean;
  canEdit: boolean;
  actions: AnnotationActions;
  /** Where an edit in progress is kept (see drafts.ts), so it outlives this card. */
  draftKey: string;
  threadResolved: boolean;
}

/** One voice in a thread: who, when, what they wrote, and their edit/delete controls. */
export function AnnotationEntry({ annotation, replies = [], pending, canEdit, actions, draftKey, threadResolved }: AnnotationEntryProps) {
  // An edit in progress when the card was last drawn (the filters hid it, the page reloaded) reopens.
  const [editing, setEditing] = useState(() => canEdit && draftStore.read(draftKey) !== null);
  // Text of a refused save, and why: a conflict, or any other refusal.
  const [kept, setKept] = useState<{ text: string; conflict: boolean; refusal: string | null } | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  const versionsId = useId();
  const isReply = annotation.replyTo !== null;
  const noun = isReply ? 'reply' : lookOf(annotation).label.toLowerCase();
  const editable = annotation.motivation !== 'highlighting' || annotation.body !== null;

  const stopEditing = () => {
    setEditing(false);
    setKept(null);
    draftStore.remove(draftKey);
  };
  const save = (change: Parameters<AnnotationActions['update']>[1], text: string) => {
    stopEditing();
    actions.update(annotation, change, {
      onError: (error) => {
        // Their version (or the one before) is shown again; reopen with this user's text so nothing typed is lost.
        const conflict = conflictCurrent(error) !== null;
        setKept({ text, conflict, refusal: conflict ? null : describeError(error).message });
        setEditing(true);
      },
    });
  };
  const remove = () => actions.remove(annotation, replies);
  // Replies' buttons are named "Edit reply"/"Delete reply", told apart from the thread's own.
  const hiddenNoun = isReply ? <span className="visually-hidden"> reply</span> : null;

  return (
    <div className="annotation-entry" data-entry-id={annotation.id}>
      <div className="card-row entry-header">
        <span className="entry-author">{annotation.author.displayName}</span>
        <time className="card-note" dateTime={annotation.createdAt}>
          {formatDateTime(annotation.createdAt)}
        </time>
        {annotation.editedAt && (
          <EditedMarker annotation={annotation} open={showVersions} onToggle={() => setShowVersions((o) => !o)} controls={versionsId} />
        )}
        {pending && (
          <CardBadge size="xs" variant="outline" color="gray" data-testid="pending">
            Pending
          </CardBadge>
        )}
      </div>
      {showVersions && annotation.editedAt && <EarlierVersions annotation={annotation} id={versionsId} />}
      {editing ? (
        <EditAnnotationForm
          annotation={annotation}
          label={`Edit ${noun}`}
          initial={kept?.text ?? draftStore.read(draftKey) ?? undefined}
          conflict={kept?.conflict ?? false}
          refusal={kept?.refusal ?? null}
          threadResolved={threadResolved}
          onChange={(text) => draftStore.write(draftKey, text, annotation)}
          onSave={save}
          onCancel={stopEditing}
        />
      ) : (
        annotation.body && <AnnotationBody source={annotation.body} />
      )}
      {annotation.tags.length > 0 && (
        <div className="card-row entry-tags">
          {annotation.tags.map((tag) => (
            <CardBadge key={tag} color="green" keepCase>
              #{tag}
            </CardBadge>
          ))}
        </div>
      )}
      {canEdit && !editing && (
        <div className="card-row entry-actions">
          {editable && (
            <CardButton color="gray" onClick={() => setEditing(true)}>
              Edit{hiddenNoun}
            </CardButton>
          )}
          <ConfirmButton
            trigger={(open) => (
              <CardButton color="red" onClick={open}>
                Delete{hiddenNoun}
              </CardButton>
            )}
            title={`Delete ${noun}`}
            message={
              replies.length
                ? `This ${noun} and its ${replies.length === 1 ? 'reply' : `${replies.length} replies`} will be removed for everyone.`
                : `This ${noun} will be removed for everyone.`
            }
            confirmLabel="Delete"
            onConfirm={remove}
          />
        </div>
      )}
    </div>
  );
}
