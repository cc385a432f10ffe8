import { useEffect, type RefObject } from 'react';
import { useLocation } from 'react-router';

const GIVE_UP_MS = 10_000;

/**
 * After sign-in and after each navigation, focus moves to the new page's main heading, so a
 * screen reader announces where the user landed and Tab continues from there (a client-side
 * route change otherwise leaves focus on the link that was clicked). Pages that load first
 * show their heading later: it is focused when it appears, unless the user has moved focus
 * in the meantime.
 */
export function useFocusMainHeading(container: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const focusedBefore = document.activeElement;
    const tryFocus = (): boolean => {
      const heading = root.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      const current = document.activeElement;
      if (current !== focusedBefore && current !== document.body && current !== null) return true;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return true;
    };
    // Focused in the next frame, once the page is drawn: focusing lays the page out, which in
    // the middle of drawing it would be done twice, before anything shows.
    let frame = 0;
    const observer = new MutationObserver(() => focusSoon());
    const focusSoon = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (tryFocus()) observer.disconnect();
      });
    };
    focusSoon();
    observer.observe(root, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), GIVE_UP_MS);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [pathname, container]);
}
