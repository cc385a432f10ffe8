import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { pointAt, rangeToSpan, trimSpan } from './anchoring';
import { nextSentenceEnd, nextWordEnd, previousSentenceStart, previousWordStart } from './caretMoves';

/** Where the caret is drawn, relative to the frame (as the toolbar is). */
export interface CaretBox {
  top: number;
  left: number;
  height: number;
}

const MOVES: Record<string, (text: string, from: number) => number> = {
  ArrowRight: nextWordEnd,
  ArrowLeft: previousWordStart,
  ArrowDown: nextSentenceEnd,
  ArrowUp: previousSentenceStart,
};

const shorten = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Selecting a passage without a mouse: with the article text focused, the arrow keys move a
 * caret by word (left, right) or sentence (up, down), Home and End go to the paragraph's ends,
 * and Shift extends the selection. The selection is the document's own, so the toolbar and
 * its keys (h, c, q, t) work as they do for a mouse selection.
 */
export function useKeyboardSelection(root: RefObject<HTMLElement | null>, frame: RefObject<HTMLElement | null>, text: string) {
  /** The keyboard selection's ends (equal for a bare caret); null until the keys are first used. */
  const ends = useRef<{ anchor: number; focus: number } | null>(null);
  const [focused, setFocused] = useState(false);
  const [caret, setCaret] = useState<CaretBox | null>(null);
  const [announcement, setAnnouncement] = useState('');

  /** The caret starts where a mouse selection ended, else at the start of the text. */
  const current = useCallback(() => {
    if (ends.current) return ends.current;
    const el = root.current;
    const selection = document.getSelection();
    const range = el && selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    const span = el && range ? rangeToSpan(el, range, text) : null;
    const first = Number(el?.querySelector<HTMLElement>('[data-start]')?.dataset.start ?? 0);
    return span ? { anchor: span.start, focus: span.end } : { anchor: first, focus: first };
  }, [root, text]);

  /** Makes the document's selection (or the drawn caret) match the keyboard's ends. */
  const place = useCallback(
    (moved: { anchor: number; focus: number }) => {
      const el = root.current;
      const selection = document.getSelection();
      const a = el && pointAt(el, moved.anchor);
      const f = el && pointAt(el, moved.focus);
      if (!selection || !a || !f) return;
      ends.current = moved;
      if (moved.anchor === moved.focus) selection.removeAllRanges();
      else selection.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
      const range = document.createRange();
      range.setStart(f.node, f.offset);
      const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
      const origin = frame.current?.getBoundingClientRect() ?? { top: 0, left: 0 };
      setCaret(moved.anchor === moved.focus ? { top: rect.top - origin.top, left: rect.left - origin.left, height: rect.height || 20 } : null);
      (f.node instanceof Element ? f.node : f.node.parentElement)?.scrollIntoView?.({ block: 'nearest' });
      const [from, to] = moved.anchor <= moved.focus ? [moved.anchor, moved.focus] : [moved.focus, moved.anchor];
      setAnnouncement(from === to ? `At “${shorten(text.slice(to, nextWordEnd(text, to)).trim() || 'the end')}”` : `Selected “${shorten(text.slice(from, to).trim())}”`);
    },
    [root, frame, text],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
      const { anchor, focus } = current();
      let next: number;
      const move = MOVES[event.key];
      if (move) next = move(text, focus);
      else if (event.key === 'Home' || event.key === 'End') {
        const paragraph = [...(root.current?.querySelectorAll<HTMLElement>('[data-start][data-end]') ?? [])].find(
          (p) => focus >= Number(p.dataset.start) && focus <= Number(p.dataset.end),
        );
        if (!paragraph) return;
        next = Number(event.key === 'Home' ? paragraph.dataset.start : paragraph.dataset.end);
      } else return;
      event.preventDefault();
      place(event.shiftKey ? { anchor, focus: next } : { anchor: next, focus: next });
    },
    [current, place, root, text],
  );

  // A mouse selection takes over from the keyboard's; a cleared one (say, by the toolbar)
  // leaves the caret where the selection ended.
  useEffect(() => {
    const onSelectionChange = () => {
      const keyboard = ends.current;
      if (!keyboard || keyboard.anchor === keyboard.focus) return;
      const el = root.current;
      const selection = document.getSelection();
      const range = el && selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
      const span = el && range ? rangeToSpan(el, range, text) : null;
      const [start, end] = keyboard.anchor <= keyboard.focus ? [keyboard.anchor, keyboard.focus] : [keyboard.focus, keyboard.anchor];
      const ours = trimSpan(text, { start, end });
      if (!span) ends.current = { anchor: keyboard.focus, focus: keyboard.focus };
      else if (span.start !== ours?.start || span.end !== ours.end) {
        ends.current = null;
        setCaret(null);
      }
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, [root, text]);

  return {
    onKeyDown,
    onFocus: () => setFocused(true),
    onBlur: () => setFocused(false),
    /** The caret to draw while the text has focus and nothing is selected. */
    caret: focused ? caret : null,
    announcement,
  };
}
