import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';

/**
 * What a hook returns, from one render without a DOM: enough for hooks that hand out actions
 * (their mutations run against `queryClient`). Nothing is mounted, so nothing observes them.
 */
export function hookResult<T>(queryClient: QueryClient, useHook: () => T): T {
  let result: { value: T } | null = null;
  const Probe = () => {
    result = { value: useHook() };
    return null;
  };
  renderToString(createElement(QueryClientProvider, { client: queryClient }, createElement(Probe)));
  if (!result) throw new Error('The hook did not render');
  return (result as { value: T }).value;
}
