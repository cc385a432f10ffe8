import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How long one step may hold the page: input waits at most about this long behind it. */
const BUDGET_MS = 16;

/**
 * The next step's size from how long the last one took: about `budgetMs` worth of items, at
 * most doubling, never fewer than one nor more than `max`.
 */
export function nextStep(step: number, tookMs: number, budgetMs = BUDGET_MS, max = 60): number {
  const fits = tookMs > 0 ? Math.floor((step * budgetMs) / tookMs) : step * 2;
  return Math.max(1, Math.min(max, step * 2, fits));
}

// Safari has no requestIdleCallback; a zero timeout still lets input and paint go first.
const whenIdle = (run: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 200 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
};

/**
 * How many of a long list's `total` items to render: `first` (about a screenful) at once, then
 * more in small steps while the page is idle, each sized to take about one frame. An article
 * with hundreds of threads shows its first ones at once, and a click or a keypress meanwhile
 * waits for one step at most, never for the whole list. (Interruptible transitions did worse:
 * each interaction restarted them, and after 5 s React rendered what was left in one block.)
 * `atLeast` (the count that reaches an item the user asked for) takes effect at once.
 */
export function useProgressiveCount(total: number, { first = 6, max = 60, atLeast = 0 } = {}): number {
  const [count, setCount] = useState(first);
  const step = useRef(Math.min(first, max));
  const stepStarted = useRef<number | null>(null);

  // The step is on screen: size the next one by what this one cost.
  useLayoutEffect(() => {
    if (stepStarted.current === null) return;
    step.current = nextStep(step.current, performance.now() - stepStarted.current, BUDGET_MS, max);
    stepStarted.current = null;
  }, [count, max]);

  useEffect(() => {
    if (count >= total) return;
    return whenIdle(() => {
      stepStarted.current = performance.now();
      setCount((c) => c + step.current);
    });
  }, [count, total]);
  return Math.min(total, Math.max(count, atLeast));
}
