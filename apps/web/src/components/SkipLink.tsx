import type { MouseEvent, ReactNode } from 'react';

/**
 * A link, shown only while focused, that moves keyboard focus to the element with `target` as
 * its id (which needs tabIndex -1). Focus is moved by hand: the router would otherwise treat the
 * fragment as a navigation, and browsers differ in whether they focus the target.
 */
export function SkipLink({ target, children }: { target: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const element = document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'start' });
  };
  return (
    <a href={`#${target}`} className="skip-link" onClick={onClick}>
      {children}
    </a>
  );
}
