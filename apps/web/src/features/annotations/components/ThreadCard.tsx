import { memo, useEffect, useRef, type MouseEvent } from 'react';
import { IconCheck, IconMessageReply, IconRotate } from '@tabler/icons-react';
import type { Annotation } from '@corroborate/contracts';
import { CardBadge, CardButton } from '../../../components/CardParts';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { untouchedText, useRefusals } from '../../../lib/refusals';
import type { AnnotationActions } from '../api';
import { draftStore } from '../draftStore';
import { editDraftKey, replyDraftKey } from '../drafts';
import { lookOf } from '../motivations';
import { sameThread, type Thread } from '../threads';
import { AnnotationEntry } from './AnnotationEntry';
import { ReplyBox } from './ReplyBox';

export interface Permissions {
  userId: string | undefined;
  annotate: boolean;
  moderate: boolean;
}

interface ThreadCardProps {
  thread: Thread;
  active: boolean;
  detached?: boolean;
  pending: ReadonlySet<string>;
  permissions: Permissions;
  actions: AnnotationActions;
  onShowInText: (id: string) => void;
}

const shorten = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const canEdit = (a: Annotation, p: Permissions) => p.annotate && (a.author.id === p.userId || p.moderate);

/** A thread: the quoted passage, the first annotation, its replies and a reply box. */
export const ThreadCard = memo(ThreadCardView, sameCard);

/**
 * Every change to an article's annotations rebuilds its thread objects: compared by content,
 * only the card whose thread changed renders again (with 500 threads, re-rendering all of them
 * held another reader's view of a new comment for most of a second).
 */
function sameCard(a: ThreadCardProps, b: ThreadCardProps): boolean {
  const ids = [a.thread.root.id, ...a.thread.replies.map((r) => r.id)];
  return (
    sameThread(a.thread, b.thread) &&
    a.active === b.active &&
    a.detached === b.detached &&
    a.permissions === b.permissions &&
    a.actions === b.actions &&
    a.onShowInText === b.onShowInText &&
    ids.every((id) => a.pending.has(id) === b.pending.has(id))
  );
}

function ThreadCardView({ thread, active, detached, pending, permissions, actions, onShowInText }: ThreadCardProps) {
  const { root, replies } = thread;
  // The reply box is drawn when asked for: an article may list hundreds of threads, and a
  // text field in each made every one of them slower to draw, to keep and to leave.
  const replyKey = replyDraftKey(permissions.userId ?? '', root.articleId, root.id);
  // A reply left unsent (the card was hidden, the page reloaded, the server refused it) reopens;
  // a refused one that finds newer text in the box waits beside it.
  const reply = useRefusals<string, null>(
    { startOf: () => '', untouched: untouchedText, saved: () => draftStore.read(replyKey) },
    {
      opened: () => (permissions.annotate && draftStore.read(replyKey) !== null ? { target: null } : null),
      shown: (_target, text) => draftStore.write(replyKey, text),
    },
  );
  const replying = reply.open !== null;
  const replyButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const closeReply = (giveFocusBack: boolean) => {
    refocus.current = giveFocusBack;
    reply.settle();
  };
  useEffect(() => {
    if (replying || !refocus.current) return;
    refocus.current = false;
    replyButton.current?.focus();
  }, [replying]);
  const look = lookOf(root);
  const quote = root.target.selector[0].exact;

  // A click on the card's text (not on a control) shows the passage, like the quote button.
  const onClick = (event: MouseEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (detached || target.closest('button, a, input, textarea, label, [role="dialog"]')) return;
    if (window.getSelection()?.isCollapsed === false) return;
    onShowInText(root.id);
  };

  const classes = ['thread', active && 'is-active', root.resolved && 'is-resolved'].filter(Boolean).join(' ');
  return (
    <article
      className={classes}
      data-annotation-id={root.id}
      data-motivation={root.motivation}
      tabIndex={-1}
      style={{ borderLeftColor: look.line }}
      onClick={onClick}
    >
      <div className="card-row thread-badges">
        <CardBadge color={look.color}>{look.label}</CardBadge>
        {root.resolved && (
          <CardBadge variant="outline" color="gray">
            Resolved
          </CardBadge>
        )}
        {replies.length > 0 && (
          <CardBadge variant="transparent" color="gray">
            {replies.length === 1 ? '1 reply' : `${replies.length} replies`}
          </CardBadge>
        )}
      </div>
      {detached ? (
        <blockquote className="thread-quote is-detached">“{shorten(quote)}”</blockquote>
      ) : (
        <button type="button" className="thread-quote mantine-focus-auto" onClick={() => onShowInText(root.id)}>
          <span className="visually-hidden">Show in article: </span>“{shorten(quote)}”
        </button>
      )}
      <AnnotationEntry
        annotation={root}
        replies={replies}
        pending={pending.has(root.id)}
        canEdit={canEdit(root, permissions)}
        actions={actions}
        draftKey={editDraftKey(permissions.userId ?? '', root.articleId, root.id)}
        threadResolved={root.resolved}
      />
      {replies.length > 0 && (
        <ul className="thread-replies" aria-label="Replies">
          {replies.map((reply) => (
            <li key={reply.id}>
              <AnnotationEntry
                annotation={reply}
                pending={pending.has(reply.id)}
                canEdit={canEdit(reply, permissions)}
                actions={actions}
                draftKey={editDraftKey(permissions.userId ?? '', reply.articleId, reply.id)}
                threadResolved={root.resolved}
              />
            </li>
          ))}
        </ul>
      )}
      {permissions.annotate && (
        <div className="thread-footer">
          {reply.open && (
            <ReplyBox
              key={reply.open.key}
              draftKey={replyKey}
              kept={<KeptRefusals refusals={reply} what="Reply not saved" />}
              onChange={reply.track}
              onSave={(body) => actions.reply(root, body, { onError: (error) => reply.refused({ target: null, value: body, error }) })}
              onClose={closeReply}
            />
          )}
          <div className="card-row thread-actions">
            {!replying && (
              <CardButton ref={replyButton} icon={<IconMessageReply size={14} aria-hidden />} onClick={() => reply.openFor(null)}>
                Reply
              </CardButton>
            )}
            <CardButton
              color={root.resolved ? 'gray' : 'teal'}
              icon={root.resolved ? <IconRotate size={14} aria-hidden /> : <IconCheck size={14} aria-hidden />}
              onClick={() => actions.update(root, { resolved: !root.resolved })}
            >
              {root.resolved ? 'Reopen' : 'Resolve'}
            </CardButton>
          </div>
        </div>
      )}
    </article>
  );
}
