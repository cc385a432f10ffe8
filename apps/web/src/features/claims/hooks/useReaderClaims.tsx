import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Kbd, Tooltip } from '@mantine/core';
import { IconChecklist, IconLink } from '@tabler/icons-react';
import { useMatch, useNavigate, useSearchParams } from 'react-router';
import { can, type Annotation, type Article, type Person, type WorkspaceRole } from '@corroborate/contracts';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { useRefusals } from '../../../lib/refusals';
import type { ClaimMark } from '../../annotations/components/HighlightedRange';
import type { Layer } from '../../annotations/segments';
import type { TextSelection } from '../../annotations/useTextSelection';
import { useReattachAnnotation } from '../../annotations/api';
import { useMembers } from '../../members/api';
import { useRatingScale } from '../../review/api';
import { finalRating } from '../../review/ratings';
import { useClaims } from '../api';
import { ClaimComposer, claimDraftText, composerStart, untouchedDraft, type ClaimDraft } from '../components/ClaimComposer';
import { ClaimPanel } from '../components/ClaimPanel';
import { OrphansPanel } from '../components/OrphansPanel';
import { ReattachBanner } from '../components/ReattachBanner';
import { claimPath } from '../paths';
import { STATUS_LOOK } from '../status';
import { useClaimActions } from '../writes';
import '../components/claims.css';

interface ReaderClaimsInput {
  article: Article;
  role: WorkspaceRole | null;
  user: Person | undefined;
  /** The reader's text selection, and how to clear it. */
  selection: TextSelection | null;
  clearSelection: () => void;
  /** Thread roots whose passage is not in the latest revision (for the orphans panel). */
  detachedAnnotations: readonly Annotation[];
}

export interface ReaderClaims {
  /** Claim passages to draw, keyed `claim:<claimId>:<spanId>`. */
  layers: Layer[];
  marks: ReadonlyMap<string, ClaimMark>;
  /** Claims under a click, with the length of their passage (the reader opens the innermost). */
  candidates: (keys: readonly string[]) => { length: number; open: () => void }[];
  /** Buttons for the selection toolbar. */
  toolbar: ReactNode;
  shortcuts: Record<string, () => void>;
  /** The composer, the claim or orphans panel, the re-attach prompt. */
  overlay: ReactNode;
}

/** A claim span or an orphaned thread waiting for its new passage; `error` when the last try was refused. */
type Reattach = ({ kind: 'claim'; claimId: string; spanId: string } | { kind: 'annotation'; annotationId: string }) & { error?: unknown };

const FLASH_MS = 1_600;
const sameSpan = (a: TextSelection, b: TextSelection) => a.span.start === b.span.start && a.span.end === b.span.end;
const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const keyOf = (claimId: string, spanId: string) => `claim:${claimId}:${spanId}`;

/** Everything claims add to the reader: highlights, "Make claim" (key `m`), the claim panel and orphans. */
export function useReaderClaims({ article, role, user, selection, clearSelection, detachedAnnotations }: ReaderClaimsInput): ReaderClaims {
  const navigate = useNavigate();
  const claimId = useMatch('/articles/:articleId/claims/:claimId')?.params.claimId;
  const [searchParams] = useSearchParams();
  const claims = useClaims(article.id);
  const members = useMembers(article.workspaceId);
  const scale = useRatingScale(article.workspaceId);
  const people = useMemo(() => (members.data ?? []).map((m) => ({ id: m.userId, displayName: m.displayName })), [members.data]);
  const actions = useClaimActions(article, user, people);
  const quoteOf = (at: TextSelection) => article.revision.text.slice(at.span.start, at.span.end);
  // "Make claim" on a passage: a refused claim comes back to it, or waits beside newer typing.
  const composer = useRefusals<ClaimDraft, TextSelection>({ startOf: (at) => composerStart(quoteOf(at)), untouched: untouchedDraft, sameTarget: sameSpan });
  const [reattach, setReattach] = useState<Reattach | null>(null);
  const moveAnnotation = useReattachAnnotation(article);
  const [flashSpan, setFlashSpan] = useState<string | null>(null);
  const canClaim = !!user && !!role && can.analyse(role);

  useEffect(() => {
    if (!flashSpan) return;
    const timer = setTimeout(() => setFlashSpan(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashSpan]);

  const { layers, marks } = useMemo(() => {
    const layers: Layer[] = [];
    const marks = new Map<string, ClaimMark>();
    for (const claim of claims.data ?? []) {
      const look = STATUS_LOOK[claim.status];
      // A resolved claim is underlined in its final rating's colour and named by it.
      const rated = finalRating(claim, scale.data);
      for (const span of claim.spans) {
        if (span.orphaned) continue;
        const key = keyOf(claim.id, span.id);
        const { start, end } = span.target.selector[1];
        layers.push({ key, start, end });
        marks.set(key, {
          claimId: claim.id,
          spanId: span.id,
          color: rated?.colour ?? look.line,
          label: rated ? `Claim (${look.label}: ${rated.label})` : `Claim (${look.label})`,
          flash: span.id === flashSpan,
        });
      }
    }
    return { layers, marks };
  }, [claims.data, flashSpan, scale.data]);

  const open = useCallback((id: string) => navigate(claimPath(article.id, id)), [navigate, article.id]);
  const closePanel = useCallback(() => navigate(`/articles/${article.id}`), [navigate, article.id]);

  const candidates = useCallback(
    (keys: readonly string[]) =>
      keys.flatMap((key) => {
        const mark = marks.get(key);
        const layer = mark && layers.find((l) => l.key === key);
        return mark && layer ? [{ length: layer.end - layer.start, open: () => open(mark.claimId) }] : [];
      }),
    [marks, layers, open],
  );

  const showSpan = useCallback((spanId: string) => {
    setFlashSpan(spanId);
    document.querySelector(`mark[data-span-ids~="${CSS.escape(spanId)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);

  const makeClaim = () => {
    if (!selection || !canClaim) return;
    composer.openFor(selection);
    clearSelection();
  };

  const saveClaim = (draft: ClaimDraft) => {
    if (!composer.open) return;
    const from = composer.open.target;
    composer.settle();
    const id = actions.create(
      { statement: draft.statement, claimant: draft.claimant, span: from.span },
      {
        // Refused: the composer comes back with what was typed and why (or keeps it beside newer typing).
        onError: (error) => {
          composer.refused({ target: from, value: draft, error });
          navigate(`/articles/${article.id}`);
        },
      },
    );
    open(id);
  };

  const reattachHere = () => {
    if (!selection || !reattach) return;
    const attempt = reattach;
    const onError = (error: unknown) => setReattach({ ...attempt, error });
    if (attempt.kind === 'claim') {
      const claim = claims.data?.find((c) => c.id === attempt.claimId);
      if (!claim) return;
      actions.reattach(claim, attempt.spanId, selection.span, { onError });
    } else {
      const annotation = detachedAnnotations.find((a) => a.id === attempt.annotationId);
      if (!annotation) return;
      moveAnnotation.mutate({ annotation, span: selection.span }, { onError });
    }
    setReattach(null);
    clearSelection();
  };

  // What is being re-attached, in words for the banner (gone when it was deleted meanwhile).
  const reattaching =
    reattach?.kind === 'claim'
      ? claims.data?.find((c) => c.id === reattach.claimId)?.statement
      : reattach && detachedAnnotations.find((a) => a.id === reattach.annotationId)?.target.selector[0].exact;
  const toolbar = canClaim ? (
    reattaching ? (
      <Button variant="filled" size="compact-sm" leftSection={<IconLink size={16} aria-hidden />} onClick={reattachHere}>
        Re-attach here
      </Button>
    ) : (
      <Tooltip label={<>Make claim <Kbd size="xs">M</Kbd></>} withArrow openDelay={300}>
        <Button variant="subtle" color="grape" size="compact-sm" leftSection={<IconChecklist size={16} aria-hidden />} aria-keyshortcuts="m" onClick={makeClaim}>
          Make claim
        </Button>
      </Tooltip>
    )
  ) : null;

  const overlay = (
    <>
      {composer.open && (
        <ClaimComposer
          key={composer.open.key}
          workspaceId={article.workspaceId}
          quote={quoteOf(composer.open.target)}
          box={composer.open.target.box}
          initial={composer.open.initial}
          error={composer.open.error}
          kept={
            <KeptRefusals
              refusals={composer}
              what={(k) => (composer.open && sameSpan(k.target, composer.open.target) ? 'Claim not saved' : `Claim on “${shorten(quoteOf(k.target))}” not saved`)}
              text={(k) => claimDraftText(k.value)}
            />
          }
          onChange={composer.track}
          onSave={saveClaim}
          onCancel={composer.settle}
        />
      )}
      {reattaching && <ReattachBanner statement={reattaching} error={reattach?.error} onCancel={() => setReattach(null)} />}
      {claimId ? (
        <ClaimPanel
          article={article}
          claimId={claimId}
          role={role}
          user={user}
          members={members.data ?? []}
          actions={actions}
          onClose={closePanel}
          onShowSpan={showSpan}
          onReattach={(id, spanId) => setReattach({ kind: 'claim', claimId: id, spanId })}
        />
      ) : (
        searchParams.has('orphans') && (
          <OrphansPanel
            articleId={article.id}
            claims={claims.data ?? []}
            annotations={detachedAnnotations}
            role={role}
            userId={user?.id}
            onReattach={(id, spanId) => setReattach({ kind: 'claim', claimId: id, spanId })}
            onReattachAnnotation={(id) => setReattach({ kind: 'annotation', annotationId: id })}
            onClose={closePanel}
          />
        )
      )}
    </>
  );

  return { layers, marks, candidates, toolbar, shortcuts: canClaim && !reattaching ? { m: makeClaim } : {}, overlay };
}
