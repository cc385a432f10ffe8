import type { RouteObject } from 'react-router';
import { AgreementPage } from './components/AgreementPage';
import { ReviewQueuePage } from './components/ReviewQueuePage';
import { ReviewSettingsPage } from './components/ReviewSettingsPage';

/** The review pages, under a workspace (`/w/:workspaceId/...`). */
export const reviewRoutes: RouteObject[] = [
  { path: 'review', element: <ReviewQueuePage /> },
  { path: 'agreement', element: <AgreementPage /> },
  { path: 'review-settings', element: <ReviewSettingsPage /> },
];
