import { useLayoutEffect, type RefObject } from 'react';

/** Space kept between a floating box and the window's sides. */
const MARGIN = 8;

/**
 * How far to move a box sideways so it fits between `MARGIN` and `width - MARGIN`: a narrow
 * screen (a phone) would otherwise cut off a toolbar centred on a selection near its edge.
 */
export function horizontalShift(left: number, right: number, width: number): number {
  if (right - left > width - 2 * MARGIN) return MARGIN - left;
  if (left < MARGIN) return MARGIN - left;
  if (right > width - MARGIN) return width - MARGIN - right;
  return 0;
}

/** Keeps a floating element (toolbar, composer, note) inside the window's width after each layout. */
export function useKeepInView(ref: RefObject<HTMLElement | null>, deps: readonly unknown[]): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.translate = '';
    const rect = el.getBoundingClientRect();
    const shift = horizontalShift(rect.left, rect.right, document.documentElement.clientWidth);
    if (shift !== 0) el.style.translate = `${shift}px 0`;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
