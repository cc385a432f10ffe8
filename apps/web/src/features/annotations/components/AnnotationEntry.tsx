import { useId, useState } from 'react';
import type { Annotation } from '@corroborate/contracts';
import { CardBadge, CardButton } from '../../../components/CardParts';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { describeError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { untouchedText, useRefusals } from '../../../lib/refusals';
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
  // The edit form, its text kept as the edit draft. An edit in progress when the card was last
  // drawn (the filters hid it, the page reloaded) reopens; a refused save comes back to the form,
  // or waits beside what was typed since.
  const editing = useRefusals<string, null>(
    {
      startOf: () => (annotation.motivation === 'tagging' ? annotation.tags.join(', ') : (annotation.body ?? '')),
      untouched: untouchedText,
      saved: () => draftStore.read(draftKey),
    },
    {
      opened: () => (canEdit && draftStore.read(draftKey) !== null ? { target: null } : null),
      shown: (_target, text) => draftStore.write(draftKey, text, annotation),
    },
  );
  const [showVersions, setShowVersions] = useState(false);
  const versionsId = useId();
  const isReply = annotation.replyTo !== null;
  const noun = isReply ? 'reply' : lookOf(annotation).label.toLowerCase();
  const editable = annotation.motivation !== 'highlighting' || annotation.body !== null;

  const stopEditing = () => {
    draftStore.remove(draftKey);
    editing.settle();
  };
  const save = (change: Parameters<AnnotationActions['update']>[1], text: string) => {
    stopEditing();
    // Their version (or the one before) is shown again; the form gets this user's text back.
    actions.update(annotation, change, { onError: (error) => editing.refused({ target: null, value: text, error }) });
  };
  const refusedError = editing.open?.error;
  const conflict = !!refusedError && conflictCurrent(refusedError) !== null;
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
      {editing.open ? (
        <EditAnnotationForm
          key={editing.open.key}
          annotation={annotation}
          label={`Edit ${noun}`}
          initial={editing.open.initial}
          conflict={conflict}
          refusal={refusedError && !conflict ? describeError(refusedError).message : null}
          kept={<KeptRefusals refusals={editing} what="Change not saved" />}
          threadResolved={threadResolved}
          onChange={(text) => {
            draftStore.write(draftKey, text, annotation);
            editing.track(text);
          }}
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
      {canEdit && !editing.open && (
        <div className="card-row entry-actions">
          {editable && (
            <CardButton color="gray" onClick={() => editing.openFor(null)}>
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
