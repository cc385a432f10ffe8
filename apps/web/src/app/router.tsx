import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { RouteError } from '../components/RouteError';
import { meQuery } from '../features/auth/api';
import { LoginPage } from '../features/auth/components/LoginPage';
import { RegisterPage } from '../features/auth/components/RegisterPage';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { ArticleReaderPage } from '../features/articles/components/ArticleReaderPage';
import { ArticlesPage } from '../features/articles/components/ArticlesPage';
import { prefetchReaderView } from '../features/articles/readerView';
import { ActivityPage } from '../features/audit/components/ActivityPage';
import { ClaimsBoardPage } from '../features/claims/components/board/ClaimsBoardPage';
import { ClaimsTablePage } from '../features/claims/components/table/ClaimsTablePage';
import { QueuePage } from '../features/claims/components/queue/QueuePage';
import { ReportPage } from '../features/reports/components/ReportPage';
import { SnapshotPage } from '../features/reports/components/SnapshotPage';
import { SourcesPage } from '../features/sources/components/SourcesPage';
import { JoinPage } from '../features/members/components/JoinPage';
import { WebhooksPage } from '../features/webhooks/components/WebhooksPage';
import { SearchPage } from '../features/search/components/SearchPage';
import { MembersPage } from '../features/members/components/MembersPage';
import { reviewRoutes } from '../features/review/routes';
import { SettingsPage } from '../features/tokens/components/SettingsPage';
import { HomePage } from '../features/workspaces/components/HomePage';
import { WorkspaceGate } from '../features/workspaces/components/WorkspaceGate';
import { AppLayout } from './layout/AppLayout';

/**
 * How long a loader waits for its page's data. A page whose data is in by then renders once,
 * complete, instead of a skeleton first and everything again a moment later (on the reader,
 * 500 highlights and their threads); a slower answer lets the page show its own loading state.
 */
const LOADER_WAIT_MS = 250;

const briefly = (data: Promise<unknown>): Promise<null> =>
  Promise.race([data, new Promise((resolve) => setTimeout(resolve, LOADER_WAIT_MS))]).then(() => null);

/**
 * The app's routes. Loaders start their page's requests together with the session check, and
 * wait for them briefly (`briefly`).
 */
export const createRouter = (queryClient: QueryClient) =>
  createBrowserRouter([
    {
      errorElement: <RouteError />,
      // The first load shows nothing while its loaders wait (at most LOADER_WAIT_MS).
      hydrateFallbackElement: null,
      children: [
        { path: '/login', element: <LoginPage /> },
        { path: '/register', element: <RegisterPage /> },
        { path: '/join/:token', element: <JoinPage /> },
        {
          element: <RequireAuth />,
          loader: () => briefly(queryClient.prefetchQuery(meQuery)),
          children: [
            {
              element: <AppLayout />,
              errorElement: <RouteError />,
              children: [
                { index: true, element: <HomePage /> },
                {
                  path: '/w/:workspaceId',
                  element: <WorkspaceGate />,
                  children: [
                    { index: true, element: <ArticlesPage /> },
                    { path: 'members', element: <MembersPage /> },
                    { path: 'activity', element: <ActivityPage /> },
                    { path: 'claims', element: <ClaimsTablePage /> },
                    { path: 'queue', element: <QueuePage /> },
                    { path: 'sources', element: <SourcesPage /> },
                    { path: 'search', element: <SearchPage /> },
                    ...reviewRoutes,
                    { path: 'settings/webhooks', element: <WebhooksPage /> },
                  ],
                },
                {
                  path: '/articles/:articleId',
                  element: <ArticleReaderPage />,
                  loader: ({ params }) => briefly(prefetchReaderView(queryClient, params.articleId ?? '')),
                  // The claim panel opens inside the reader, which stays mounted (selection, scroll, room).
                  children: [{ path: 'claims/:claimId', element: null }],
                },
                {
                  path: '/articles/:articleId/board',
                  element: <ClaimsBoardPage />,
                  loader: ({ params }) => briefly(prefetchReaderView(queryClient, params.articleId ?? '')),
                },
                { path: '/articles/:articleId/report', element: <ReportPage /> },
                { path: '/articles/:articleId/reports/:number', element: <SnapshotPage /> },
                { path: '/settings', element: <SettingsPage /> },
              ],
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
