import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { can, type Annotation, type Article, type WorkspaceRole } from '@corroborate/contracts';
import { useSearchParams } from 'react-router';
import { ArticleText } from '../../articles/components/ArticleText';
import { ClaimFocus } from '../../discovery/components/ClaimFocus';
import { ReaderSide, type ReaderTab } from '../../discovery/components/ReaderSide';
import { SuggestionsPanel } from '../../discovery/components/SuggestionsPanel';
import { parsePassage } from '../../discovery/links';
import { useDiscoveryLayers } from '../../discovery/useDiscoveryLayers';
import type { PresenceUser } from '../../live/useArticleLive';
import { useSharedSelection } from '../../live/useSharedSelection';
import { useAnnotationActions, useAnnotations, usePendingIds } from '../api';
import { spanOf } from '../motivations';
import type { Layer } from '../segments';
import { buildThreads, matchesFilter, SHOW_ALL, showsNewThread, type ThreadFilter } from '../threads';
import { useAnnotateShortcuts } from '../useAnnotateShortcuts';
import { useTextSelection, type TextSelection } from '../useTextSelection';
import { DraftComposer } from './DraftComposer';
import { DRAFT_KEY, HighlightedRange, type Decorations } from './HighlightedRange';
import { SelectionToolbar, TOOLBAR_ACTIONS, type ThreadMotivation } from './SelectionToolbar';
import { ThreadsPanel } from './ThreadsPanel';
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
  const [selection, clearSelection] = useTextSelection(textRef, frameRef, article.revision.text);
  const [draft, setDraft] = useState<(TextSelection & { motivation: ThreadMotivation }) | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const [filter, setFilter] = useState<ThreadFilter>(SHOW_ALL);
  /** A thread to focus once it is on screen (a new one renders after the state change). */
  const pendingFocus = useRef<string | null>(null);
  useSharedSelection(article.id, draft?.span ?? selection?.span ?? null);

  // Discovery: suggestions beside the threads, a claim or a passage opened by a link (?claim=, ?at=).
  const [params, setParams] = useSearchParams();
  const claimId = params.get('claim');
  const at = params.get('at');
  const passage = useMemo(() => parsePassage(at), [at]);
  const [side, setSide] = useState<ReaderTab>(claimId ? 'claim' : 'threads');
  const [showMarkers, setShowMarkers] = useState(true);
  const [focusHash, setFocusHash] = useState<string | null>(null);
  const discovery = useDiscoveryLayers(article.id, showMarkers, passage);
  // A claim opened by a link (or just made) brings its tab forward.
  const [shownClaim, setShownClaim] = useState(claimId);
  if (claimId !== shownClaim) {
    setShownClaim(claimId);
    if (claimId) setSide('claim');
  }
  useEffect(() => {
    if (passage) document.querySelector('.reader-text .search-hit')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [passage]);
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

  const { anchored, detached } = useMemo(
    () => buildThreads(annotations.data ?? [], article.revision.id),
    [annotations.data, article.revision.id],
  );

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
    layers.push(...discovery.layers);
    return { layers, annotations: notes, readers, activeId, flashId, suggestions: discovery.suggestions };
  }, [anchored, presence, user?.id, draft, activeId, flashId, discovery]);

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
      setActiveId(id);
      pendingFocus.current = id;
      focusPending();
    },
    [focusPending, anchored, detached, filter],
  );

  useEffect(() => {
    if (!flashId) return;
    const timer = setTimeout(() => setFlashId(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashId]);

  /** A highlight was clicked: the innermost annotation under the pointer gets the focus. */
  const pick = useCallback(
    (ids: string[]) => {
      const shortest = ids
        .map((id) => decorations.annotations.get(id))
        .filter((a): a is Annotation => !!a)
        .sort((a, b) => spanOf(a).end - spanOf(a).start - (spanOf(b).end - spanOf(b).start))[0];
      if (shortest) focusThread(shortest.id);
    },
    [decorations.annotations, focusThread],
  );

  const showInText = useCallback((id: string) => {
    setActiveId(id);
    setFlashId(id);
    document
      .querySelector(`mark[data-annotation-ids~="${CSS.escape(id)}"]`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);

  const pickSuggestion = useCallback((hash: string) => {
    setSide('suggestions');
    setFocusHash(hash);
  }, []);

  const renderRange = useCallback(
    (start: number, end: number) => (
      <HighlightedRange text={article.revision.text} start={start} end={end} decorations={decorations} onPick={pick} onPickSuggestion={pickSuggestion} />
    ),
    [article.revision.text, decorations, pick, pickSuggestion],
  );

  const startThread = (motivation: ThreadMotivation) => {
    if (!selection) return;
    if (!showsNewThread(filter, motivation)) setFilter(SHOW_ALL);
    if (motivation === 'highlighting') {
      const id = actions.create({ motivation, span: selection.span });
      clearSelection();
      setActiveId(id);
      return;
    }
    setDraft({ ...selection, motivation });
    clearSelection();
  };

  const saveDraft = (value: { body?: string; tags?: string[] }) => {
    if (!draft) return;
    const id = actions.create({ motivation: draft.motivation, span: draft.span, ...value });
    setDraft(null);
    focusThread(id);
  };

  const toolbarOpen = permissions.annotate && !!selection && !draft;
  useAnnotateShortcuts(toolbarOpen, {
    ...Object.fromEntries(TOOLBAR_ACTIONS.map((a) => [a.key, () => startThread(a.motivation)])),
    Escape: clearSelection,
  });

  return (
    <div className="reader-layout" ref={frameRef}>
      <article className="reader" aria-labelledby="article-title">
        {header}
        <ArticleText ref={textRef} revision={article.revision} renderRange={renderRange} />
      </article>
      {toolbarOpen && <SelectionToolbar box={selection.box} onAction={startThread} />}
      {draft && (
        <DraftComposer
          motivation={draft.motivation}
          quote={article.revision.text.slice(draft.span.start, draft.span.end)}
          box={draft.box}
          onSave={saveDraft}
          onCancel={() => setDraft(null)}
        />
      )}
      <ReaderSide
        tab={side}
        onTabChange={setSide}
        claim={
          claimId ? (
            <ClaimFocus
              claimId={claimId}
              role={role}
              onShowInText={showPassage}
              onClose={() => {
                setSide('threads');
                setParams(
                  (p) => {
                    p.delete('claim');
                    return p;
                  },
                  { replace: true },
                );
              }}
            />
          ) : null
        }
        suggestions={
          <SuggestionsPanel
            article={article}
            role={role}
            showMarkers={showMarkers}
            onShowMarkersChange={setShowMarkers}
            focusHash={focusHash}
            onShowInText={showPassage}
            onClaimCreated={(claim) =>
              setParams(
                (p) => {
                  p.set('claim', claim.id);
                  return p;
                },
                { replace: true },
              )
            }
          />
        }
        threads={
          <ThreadsPanel
            status={annotations.status}
            error={annotations.error}
            onRetry={() => void annotations.refetch()}
            anchored={anchored}
            detached={detached}
            activeId={activeId}
            pending={pending}
            permissions={permissions}
            actions={actions}
            onShowInText={showInText}
            filter={filter}
            onFilterChange={setFilter}
          />
        }
      />
    </div>
  );
}
