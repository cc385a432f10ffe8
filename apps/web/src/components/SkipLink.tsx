import type { MouseEvent, ReactNode } from 'react';

/**
 * A link, shown only while focused, that moves keyboard focus to the element with `target` as
 * its id (which needs tabIndex -1), or to the first of several that is on the page. Focus is moved by hand: the router would otherwise treat the
 * fragment as a navigation, and browsers differ in whether they focus the target.
 */
export function SkipLink({ target, children }: { target: string | string[]; children: ReactNode }) {
  const targets = typeof target === 'string' ? [target] : target;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const element = targets.map((id) => document.getElementById(id)).find((el) => el !== null);
    if (!element) return;
    event.preventDefault();
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'start' });
  };
  return (
    <a href={`#${targets[0]}`} className="skip-link" onClick={onClick}>
      {children}
    </a>
  );
}
