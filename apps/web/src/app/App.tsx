import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { Providers } from './Providers';
import { createQueryClient } from './queryClient';
import { createRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createRouter(queryClient));
  return (
    <Providers queryClient={queryClient}>
      {/*
        A page renders in one go once its loaders are done, not in a transition: React would
        slice it into 5 ms pieces with the browser's other work between them, and the reader's
        first render after a reload took 85 ms that way against 78 at once (bench/reader-open.ts).
        Loaders already keep the old page on screen while they wait.
      */}
      <RouterProvider router={router} useTransitions={false} />
    </Providers>
  );
}
