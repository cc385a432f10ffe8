import { useCallback, useRef, useState } from 'react';
import { AppShell, Burger, Button, Group, Kbd } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useMatch } from 'react-router';
import { NotificationsMenu } from '../../features/notifications/components/NotificationsMenu';
import { useNotificationsLive } from '../../features/notifications/useNotificationsLive';
import { useMe } from '../../features/auth/api';
import { useOutboxFlush } from '../../features/annotations/useOutboxFlush';
import { useArticle } from '../../features/articles/api';
import { SkipLink } from '../../components/SkipLink';
import { ConnectionBanner } from '../../features/live/components/ConnectionBanner';
import { useServerUnavailable } from '../../lib/availability';
import { QuickSearch, QUICK_SEARCH_KEYS, useQuickSearchShortcut } from '../../features/search/components/QuickSearch';
import { WorkspaceSwitcher } from '../../features/workspaces/components/WorkspaceSwitcher';
import { BrandMark } from './BrandMark';
import { useFocusMainHeading } from './useFocusMainHeading';
import { UserMenu } from './UserMenu';
import { WorkspaceNav } from './WorkspaceNav';

/**
 * The workspace in view: from the URL, or the article being read. Elsewhere (settings)
 * the navigation keeps showing the last workspace visited, else the first one.
 */
function useCurrentWorkspaceId(): string | null {
  const me = useMe();
  const workspaceMatch = useMatch('/w/:workspaceId/*');
  const articleMatch = useMatch('/articles/:articleId/*');
  // The reader and the claims board fetch their article: the cached one names its workspace.
  const article = useArticle(articleMatch?.params.articleId, { fetch: false });
  const inView = workspaceMatch?.params.workspaceId ?? article.data?.workspaceId ?? null;
  const [lastVisited, setLastVisited] = useState(inView);
  if (inView && inView !== lastVisited) setLastVisited(inView);
  if (articleMatch && !inView) return null;
  const remembered = me.data?.workspaces.some((w) => w.id === lastVisited) ? lastVisited : null;
  return inView ?? remembered ?? me.data?.workspaces[0]?.id ?? null;
}

export function AppLayout() {
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const me = useMe();
  const workspaceId = useCurrentWorkspaceId();
  const role = me.data?.workspaces.find((w) => w.id === workspaceId)?.role ?? null;
  useNotificationsLive(me.data?.user.id);
  useOutboxFlush(me.data?.user.id);
  const mainRef = useRef<HTMLDivElement>(null);
  useFocusMainHeading(mainRef);
  // The article reader shows its own banner, which covers this too.
  const serverUnavailable = useServerUnavailable();
  const onArticle = useMatch('/articles/:articleId') !== null;
  const reconnecting = serverUnavailable && !onArticle;
  const [searching, setSearching] = useState(false);
  useQuickSearchShortcut(useCallback(() => setSearching((open) => !open), []));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <SkipLink target="main-content">Skip to content</SkipLink>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
            />
            <Link to="/" className="brand-link" aria-label="Corroborate home">
              <BrandMark compact />
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {workspaceId && role && (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconSearch size={14} aria-hidden />}
                rightSection={<Kbd size="xs">{QUICK_SEARCH_KEYS}</Kbd>}
                onClick={() => setSearching(true)}
                visibleFrom="sm"
                aria-keyshortcuts="Control+K Meta+K"
              >
                Search
              </Button>
            )}
            <WorkspaceSwitcher currentId={workspaceId} />
            <NotificationsMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <WorkspaceNav workspaceId={workspaceId} role={role} onNavigate={close} />
      </AppShell.Navbar>
      <QuickSearch workspaceId={role ? workspaceId : null} opened={searching} onClose={() => setSearching(false)} />
      <AppShell.Main>
        <div id="main-content" ref={mainRef} tabIndex={-1} className="main-content">
          {reconnecting && <ConnectionBanner status="reconnecting" />}
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
