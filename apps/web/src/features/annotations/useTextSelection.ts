import { useCallback, useEffect, useState, type RefObject } from 'react';
import { rangeToSpan, type Span } from './anchoring';

/** Where a selection sits, relative to the frame the toolbar is positioned in. */
export interface SelectionBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Distance from the top of the window when measured, to keep the toolbar clear of the header. */
  viewportTop: number;
}

export interface TextSelection {
  span: Span;
  box: SelectionBox;
}

const same = (a: TextSelection | null, b: TextSelection | null) =>
  a === b ||
  (!!a && !!b && a.span.start === b.span.start && a.span.end === b.span.end && a.box.top === b.box.top && a.box.left === b.box.left);

/**
 * The user's selection within the article text, as a span of `text`, or null. `frame` is the
 * positioned element the toolbar is drawn in; boxes are relative to it, so scrolling does
 * not move them.
 */
export function useTextSelection(
  root: RefObject<HTMLElement | null>,
  frame: RefObject<HTMLElement | null>,
  text: string,
): [TextSelection | null, () => void, () => TextSelection | null] {
  const [selection, setSelection] = useState<TextSelection | null>(null);

  // The selection as the page has it now, stored as state too.
  const read = useCallback((): TextSelection | null => {
    const el = root.current;
    const selected = document.getSelection();
    const range = selected && selected.rangeCount > 0 && !selected.isCollapsed ? selected.getRangeAt(0) : null;
    const span = el && range ? rangeToSpan(el, range, text) : null;
    if (!span || !range) {
      setSelection(null);
      return null;
    }
    const rect = range.getBoundingClientRect();
    const origin = frame.current?.getBoundingClientRect() ?? { top: 0, left: 0 };
    const box = { top: rect.top - origin.top, bottom: rect.bottom - origin.top, left: rect.left - origin.left, right: rect.right - origin.left, viewportTop: rect.top };
    const next = { span, box };
    setSelection((prev) => (same(prev, next) ? prev : next));
    return next;
  }, [root, frame, text]);

  useEffect(() => {
    const update = () => void read();
    document.addEventListener('selectionchange', update);
    window.addEventListener('resize', update);
    return () => {
      document.removeEventListener('selectionchange', update);
      window.removeEventListener('resize', update);
    };
  }, [read]);

  const clear = useCallback(() => {
    document.getSelection()?.removeAllRanges();
    setSelection(null);
  }, []);

  // `read` is for key shortcuts: a key pressed right after the selection moved may come before
  // the page's selectionchange event, and must act on the selection as it is now.
  return [selection, clear, read];
}
