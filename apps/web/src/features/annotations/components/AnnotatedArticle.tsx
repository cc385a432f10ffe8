import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useNavigate, useSearchParams } from 'react-router';
import { can, type Annotation, type Article, type WorkspaceRole } from '@corroborate/contracts';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { describeError } from '../../../lib/errors';
import { untouchedText, useRefusals } from '../../../lib/refusals';
import { ArticleText } from '../../articles/components/ArticleText';
import { ActivityFeed } from '../../audit/components/ActivityFeed';
import { useReaderClaims } from '../../claims/hooks/useReaderClaims';
import { ReaderSide, type ReaderTab } from '../../discovery/components/ReaderSide';
import { SuggestionsPanel } from '../../discovery/components/SuggestionsPanel';
import { claimLink, parsePassage } from '../../discovery/links';
import { useDiscoveryLayers } from '../../discovery/useDiscoveryLayers';
import type { PresenceUser } from '../../live/useArticleLive';
import { useSharedSelection } from '../../live/useSharedSelection';
import { useAnnotationActions, useAnnotations, usePendingIds } from '../api';
import { draftStore, useEditDrafts } from '../draftStore';
import { newDraftKey, type EditDraft } from '../drafts';
import { spanOf } from '../motivations';
import type { Layer } from '../segments';
import { buildThreads, matchesFilter, SHOW_ALL, showsNewThread, type ThreadFilter } from '../threads';
import { useAnnotateShortcuts } from '../useAnnotateShortcuts';
import { useKeyboardSelection } from '../useKeyboardSelection';
import { useTextSelection, type TextSelection } from '../useTextSelection';
import { viewOnlyReason } from '../../members/roles';
import { DraftComposer } from './DraftComposer';
import { DRAFT_KEY, HighlightedRange, type Decorations } from './HighlightedRange';
import { SelectionToolbar, TOOLBAR_ACTIONS, type ThreadMotivation } from './SelectionToolbar';
import { ThreadsDrawer } from './ThreadsDrawer';
import { ThreadsPanel } from './ThreadsPanel';
import { ViewOnlyNote } from './ViewOnlyNote';
import './annotations.css';

interface AnnotatedArticleProps {
  article: Article;
  role: WorkspaceRole | null;
  user: { id: string; displayName: string } | undefined;
  presence: readonly PresenceUser[];
  /** Title, byline and navigation, drawn above the text. */
  header: ReactNode;
}

const FLASH_MS = 1_600;
const NOBODY = { id: '', displayName: '' };

/** What the composer is for: a passage and a kind of annotation. */
type ComposerTarget = TextSelection & { motivation: ThreadMotivation };

/** What the text shows before its highlights first render. */
const NO_DECORATIONS: Decorations = { layers: [], annotations: new Map(), readers: new Map(), activeId: null, flashId: null };

/** The reader with its annotations: highlights over the text, the selection toolbar and the threads. */
export function AnnotatedArticle({ article, role, user, presence, header }: AnnotatedArticleProps) {
  const annotations = useAnnotations(article.id);
  const pending = usePendingIds(article.id);
  const actions = useAnnotationActions(article, user ?? NOBODY);
  const permissions = useMemo(
    () => ({ userId: user?.id, annotate: !!user && !!role && can.annotate(role), moderate: !!role && can.moderate(role) }),
    [user, role],
  );

  const frameRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [selection, clearSelection, readSelection] = useTextSelection(textRef, frameRef, article.revision.text);
  const keyboard = useKeyboardSelection(textRef, frameRef, article.revision.text);
  const draftKey = (d: { motivation: ThreadMotivation; span: TextSelection['span'] }) => newDraftKey(user?.id ?? '', article.id, d.motivation, d.span);
  /**
   * The composer, its text kept as the passage's draft. A refused save comes back to it (or
   * waits beside newer text there), with why the server refused it.
   */
  const composer = useRefusals<string, ComposerTarget>(
    {
      startOf: () => '',
      untouched: untouchedText,
      sameTarget: (a, b) => draftKey(a) === draftKey(b),
      saved: (d) => draftStore.read(draftKey(d)),
    },
    { shown: (d, text) => draftStore.write(draftKey(d), text) },
  );
  const draft = composer.open?.target ?? null;
  const { settle: closeComposer } = composer;
  /** The draft whose save has started: a second click before the composer closes sends nothing. */
  const savedDraft = useRef<typeof draft>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const [filter, setFilter] = useState<ThreadFilter>(SHOW_ALL);
  /** A thread to focus once it is on screen (a new one renders after the state change). */
  const pendingFocus = useRef<string | null>(null);
  // On a narrow screen (a phone) the threads sit in a drawer, opened by a button with their count.
  const narrow = useMediaQuery('(max-width: 1180px)', false, { getInitialValueInEffect: false });
  const [drawerOpen, { open: openDrawer, close: closeDrawer }] = useDisclosure(false);
  useSharedSelection(article.id, draft?.span ?? selection?.span ?? null);

  const { anchored, detached } = useMemo(
    () => buildThreads(annotations.data ?? [], article.revision.id),
    [annotations.data, article.revision.id],
  );
  const threadCount = anchored.length + detached.length;
  const detachedRoots = useMemo(() => detached.map((t) => t.root), [detached]);
  const claims = useReaderClaims({ article, role, user, selection, clearSelection, detachedAnnotations: detachedRoots });
  const claimCandidates = claims.candidates;

  // Discovery: suggested claims beside the threads, and a passage opened by a link (?at=start-end).
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const at = params.get('at');
  const passage = useMemo(() => parsePassage(at), [at]);
  const [side, setSide] = useState<ReaderTab>('threads');
  const [showMarkers, setShowMarkers] = useState(true);
  const [focusHash, setFocusHash] = useState<string | null>(null);
  const discovery = useDiscoveryLayers(article.id, showMarkers, passage);
  useEffect(() => {
    if (passage) document.querySelector('.reader-text .search-hit')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [passage]);
  // Older links name a claim as ?claim=: it opens in the claim panel.
  const linkedClaim = params.get('claim');
  useEffect(() => {
    if (linkedClaim) void navigate(claimLink({ id: linkedClaim, articleId: article.id }), { replace: true });
  }, [linkedClaim, article.id, navigate]);
  const showPassage = useCallback(
    (span: { start: number; end: number }) =>
      setParams(
        (p) => {
          p.set('at', `${span.start}-${span.end}`);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );

  // Edits in progress: their threads stay listed whatever the filters, and an edit whose
  // annotation someone else deleted is offered back (its text, to copy or post anew).
  const edits = useEditDrafts(user?.id, article.id);
  const editingIds = useMemo(() => new Set(edits.map((e) => e.annotation.id)), [edits]);
  const orphans = useMemo(() => {
    if (annotations.status !== 'success') return [];
    const present = new Set(annotations.data.map((a) => a.id));
    return edits.filter((e) => !present.has(e.annotation.id));
  }, [edits, annotations.status, annotations.data]);

  const decorations = useMemo<Decorations>(() => {
    const notes = new Map<string, Annotation>(anchored.map((t) => [t.root.id, t.root]));
    const readers = new Map<string, { name: string; color: string }>();
    const layers: Layer[] = anchored.map((t) => ({ key: t.root.id, ...spanOf(t.root) }));
    for (const other of presence) {
      if (other.userId === user?.id || !other.selection) continue;
      const key = `reader:${other.userId}`;
      readers.set(key, { name: other.displayName, color: other.color });
      layers.push({ key, ...other.selection });
    }
    if (draft) layers.push({ key: DRAFT_KEY, ...draft.span });
    layers.push(...claims.layers, ...discovery.layers);
    // Threads the filter hides keep a faint highlight, so the text still shows where they are.
    const dimmed = new Set(anchored.filter((t) => !matchesFilter(t, filter)).map((t) => t.root.id));
    return { layers, annotations: notes, readers, claims: claims.marks, activeId, flashId, suggestions: discovery.suggestions, dimmed };
  }, [anchored, presence, user?.id, draft, activeId, flashId, claims.layers, claims.marks, discovery, filter]);

  // On opening, the highlights follow a moment behind: the page shows its text and threads
  // first, and hundreds of highlights render next in the background. Later changes render at
  // once, so a selection being made is never cut by text re-rendered under it a moment later.
  const [opened, setOpened] = useState(false);
  useEffect(() => startTransition(() => setOpened(true)), []);
  const shownDecorations = opened ? decorations : NO_DECORATIONS;

  const focusPending = useCallback(() => {
    const id = pendingFocus.current;
    const card = id && document.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`);
    if (!card) return;
    pendingFocus.current = null;
    card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    card.focus({ preventScroll: true });
  }, []);
  useEffect(focusPending);

  const focusThread = useCallback(
    (id: string) => {
      // A thread the filters hide is still reachable from its highlight: the filters give way.
      const thread = [...anchored, ...detached].find((t) => t.root.id === id);
      if (thread && !matchesFilter(thread, filter)) setFilter(SHOW_ALL);
      if (narrow) openDrawer();
      // In the background: reaching a thread far down the list may mount many cards, and a
      // write just started must leave first (it is sent once this click's render is done).
      startTransition(() => setActiveId(id));
      pendingFocus.current = id;
      focusPending();
    },
    [focusPending, anchored, detached, filter, narrow, openDrawer],
  );

  useEffect(() => {
    if (!flashId) return;
    const timer = setTimeout(() => setFlashId(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashId]);

  /**
   * A highlight was clicked: the innermost annotation or claim under the pointer opens. The same
   * function for the page's life (it reads the latest state), so paragraphs a change does not
   * touch are not drawn again (see drawsTheSame).
   */
  const latest = useRef({ annotations: decorations.annotations, focusThread, claimCandidates });
  useLayoutEffect(() => {
    latest.current = { annotations: decorations.annotations, focusThread, claimCandidates };
  });
  const pick = useCallback((ids: string[]) => {
    const { annotations: byId, focusThread: focus, claimCandidates: claimsAt } = latest.current;
    const notes = ids
      .map((id) => byId.get(id))
      .filter((a): a is Annotation => !!a)
      .map((a) => ({ length: spanOf(a).end - spanOf(a).start, open: () => focus(a.id) }));
    const [innermost] = [...notes, ...claimsAt(ids)].sort((a, b) => a.length - b.length);
    innermost?.open();
  }, []);

  const showInText = useCallback((id: string) => {
    setActiveId(id);
    setFlashId(id);
    document
      .querySelector(`mark[data-annotation-ids~="${CSS.escape(id)}"]`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);

  const pickSuggestion = useCallback(
    (hash: string) => {
      setSide('suggestions');
      setFocusHash(hash);
      if (narrow) openDrawer();
    },
    [narrow, openDrawer],
  );

  const renderRange = useCallback(
    (start: number, end: number) => (
      <HighlightedRange text={article.revision.text} start={start} end={end} decorations={shownDecorations} onPick={pick} onPickSuggestion={pickSuggestion} />
    ),
    [article.revision.text, shownDecorations, pick, pickSuggestion],
  );

  const startThread = (motivation: ThreadMotivation) => {
    // The page's selection now (a key may come before its selectionchange); after a click on the
    // toolbar, which may have taken the page's selection, the one the toolbar was opened for.
    const current = readSelection() ?? selection;
    if (!current) return;
    if (!showsNewThread(filter, motivation)) setFilter(SHOW_ALL);
    if (motivation === 'highlighting') {
      const id = actions.create({ motivation, span: current.span });
      clearSelection();
      setActiveId(id);
      return;
    }
    composer.openFor({ ...current, motivation });
    clearSelection();
  };

  const saveDraft = (value: { body?: string; tags?: string[] }) => {
    // Once: the composer stays up until the render that closes it, a moment after the click.
    if (!draft || savedDraft.current === draft) return;
    const sent = draft;
    savedDraft.current = sent;
    const id = actions.create(
      { motivation: sent.motivation, span: sent.span, ...value },
      // Refused: the composer comes back with the text (written back to the draft) and the reason.
      { onError: (error) => composer.refused({ target: sent, value: value.tags ? value.tags.join(', ') : (value.body ?? ''), error }) },
    );
    // In the background: the write leaves before anything renders.
    startTransition(closeComposer);
    focusThread(id);
  };

  // The threads panel's handlers keep their identity, so the panel (memo) skips the renders
  // that do not concern it: a selection, a keystroke in the composer, a save's click.
  const postOrphan = useCallback(
    (orphan: EditDraft) => {
      const { annotation, text } = orphan;
      const id = actions.create({ motivation: 'commenting', span: spanOf(annotation), body: text.trim() });
      draftStore.remove(orphan.key);
      focusThread(id);
    },
    [actions, focusThread],
  );
  const canPostOrphan = useCallback((orphan: EditDraft) => orphan.annotation.revisionId === article.revision.id, [article.revision.id]);
  const discardOrphan = useCallback((orphan: EditDraft) => draftStore.remove(orphan.key), []);
  const { refetch: refetchAnnotations } = annotations;
  const retryAnnotations = useCallback(() => void refetchAnnotations(), [refetchAnnotations]);

  // The composer is a popover: pressing outside it (to select another passage, say) or Esc,
  // wherever focus is, closes it. What was typed stays as the passage's draft.
  const composerOpen = draft !== null;
  useEffect(() => {
    if (!composerOpen) return;
    const frame = frameRef.current;
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target as Element | null)?.closest('.annotate-popover')) closeComposer();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) closeComposer();
    };
    frame?.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      frame?.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [composerOpen, closeComposer]);

  const toolbarOpen = permissions.annotate && !!selection && !draft;
  useAnnotateShortcuts(toolbarOpen, {
    ...Object.fromEntries(TOOLBAR_ACTIONS.map((a) => [a.key, () => startThread(a.motivation)])),
    ...claims.shortcuts,
    Escape: clearSelection,
  });

  const sideColumn = (
  <ReaderSide
    tab={side}
    onTabChange={setSide}
    activity={role && can.readAudit(role) ? <ActivityFeed workspaceId={article.workspaceId} articleId={article.id} showRaw={false} /> : undefined}
    suggestions={
      <SuggestionsPanel
        article={article}
        role={role}
        showMarkers={showMarkers}
        onShowMarkersChange={setShowMarkers}
        focusHash={focusHash}
        onShowInText={showPassage}
        onClaimCreated={(claim) => void navigate(claimLink(claim))}
      />
    }
    threads={
      <ThreadsPanel
        status={annotations.status}
        error={annotations.error}
        onRetry={retryAnnotations}
        anchored={anchored}
        detached={detached}
        activeId={activeId}
        pending={pending}
        permissions={permissions}
        actions={actions}
        onShowInText={showInText}
        filter={filter}
        onFilterChange={setFilter}
        editingIds={editingIds}
        orphans={orphans}
        canPostOrphan={canPostOrphan}
        onPostOrphan={postOrphan}
        onDiscardOrphan={discardOrphan}
      />
    }
  />
  );

  return (
    <div className="reader-layout" ref={frameRef}>
      <article className="reader" aria-labelledby="article-title">
        {header}
        {/* Focusable so the text can be selected from the keyboard (see useKeyboardSelection). */}
        <div
          className="reader-keys"
          tabIndex={0}
          role="region"
          aria-label="Article text"
          aria-describedby="reader-keys-hint"
          onKeyDown={keyboard.onKeyDown}
          onFocus={keyboard.onFocus}
          onBlur={keyboard.onBlur}
        >
          <ArticleText ref={textRef} revision={article.revision} renderRange={renderRange} />
        </div>
        <p id="reader-keys-hint" className="reader-keys-hint">
          Arrow keys move through the text by word (left, right) or sentence (up, down); hold Shift to select.
          {permissions.annotate ? ' Then H highlights, C comments, Q asks a question, T tags.' : ''}
        </p>
        <span className="visually-hidden" aria-live="polite">
          {keyboard.announcement}
        </span>
      </article>
      {keyboard.caret && (
        <span className="keyboard-caret" aria-hidden style={{ top: keyboard.caret.top, left: keyboard.caret.left, height: keyboard.caret.height }} />
      )}
      {!permissions.annotate && selection && <ViewOnlyNote box={selection.box} reason={viewOnlyReason(role)} />}
      {toolbarOpen && (
        <SelectionToolbar box={selection.box} onAction={startThread}>
          {claims.toolbar}
        </SelectionToolbar>
      )}
      {composer.open && (
        <DraftComposer
          key={composer.open.key}
          draftKey={draftKey(composer.open.target)}
          refusal={composer.open.error ? describeError(composer.open.error).message : null}
          kept={<KeptRefusals refusals={composer} what="Annotation not saved" />}
          onChange={composer.track}
          motivation={composer.open.target.motivation}
          quote={article.revision.text.slice(composer.open.target.span.start, composer.open.target.span.end)}
          box={composer.open.target.box}
          onSave={saveDraft}
          onCancel={closeComposer}
        />
      )}
      {claims.overlay}
      {narrow ? (
        <ThreadsDrawer opened={drawerOpen} onOpen={openDrawer} onClose={closeDrawer} count={threadCount}>
          {sideColumn}
        </ThreadsDrawer>
      ) : (
        sideColumn
      )}
    </div>
  );
}
