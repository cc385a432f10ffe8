import { startTransition, useEffect, useState } from 'react';

/**
 * How many of a long list's `total` items to render: `first` (about a screenful) at once, then
 * `step` more after each render, as a transition that input can interrupt. An article with
 * hundreds of threads shows its first ones at once instead of after rendering them all.
 * `atLeast` (the count that reaches an item the user asked for) takes effect at once.
 */
export function useProgressiveCount(total: number, { first = 6, step = 60, atLeast = 0 } = {}): number {
  const [count, setCount] = useState(first);
  useEffect(() => {
    if (count >= total) return;
    const next = setTimeout(() => startTransition(() => setCount((c) => c + step)), 0);
    return () => clearTimeout(next);
  }, [count, total, step]);
  return Math.min(total, Math.max(count, atLeast));
}
