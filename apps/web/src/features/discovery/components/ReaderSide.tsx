import type { ReactNode } from 'react';
import { Tabs } from '@mantine/core';
import './discovery.css';

export type ReaderTab = 'threads' | 'suggestions' | 'activity';

interface ReaderSideProps {
  tab: ReaderTab;
  onTabChange: (tab: ReaderTab) => void;
  threads: ReactNode;
  suggestions: ReactNode;
  /** The article's activity, for roles that may read it. */
  activity?: ReactNode;
}

/** Names the tabs and their panel (Mantine's ids: `${id}-tab-${value}`, `${id}-panel-${value}`). */
const TABS_ID = 'reader-side';

/**
 * The column beside the reader's text: threads, suggested claims and activity. The panel sits
 * outside Mantine's Tabs: their context changes on every render of the reader, and React then
 * searched the whole list of threads for its readers on every live change.
 */
export function ReaderSide({ tab, onTabChange, threads, suggestions, activity }: ReaderSideProps) {
  const panels: Record<ReaderTab, ReactNode> = { threads, suggestions, activity };
  const shown = tab === 'activity' && !activity ? 'threads' : tab;
  return (
    <div className="reader-side">
      <Tabs id={TABS_ID} value={shown} onChange={(value) => value && onTabChange(value as ReaderTab)}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="threads">Threads</Tabs.Tab>
          <Tabs.Tab value="suggestions">Suggestions</Tabs.Tab>
          {activity && <Tabs.Tab value="activity">Activity</Tabs.Tab>}
        </Tabs.List>
      </Tabs>
      <div role="tabpanel" id={`${TABS_ID}-panel-${shown}`} aria-labelledby={`${TABS_ID}-tab-${shown}`}>
        {panels[shown]}
      </div>
    </div>
  );
}
