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

/** The column beside the reader's text: threads, and suggested claims. */
export function ReaderSide({ tab, onTabChange, threads, suggestions, activity }: ReaderSideProps) {
  return (
    <Tabs value={tab} onChange={(value) => value && onTabChange(value as ReaderTab)} className="reader-side" keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="threads">Threads</Tabs.Tab>
        <Tabs.Tab value="suggestions">Suggestions</Tabs.Tab>
        {activity && <Tabs.Tab value="activity">Activity</Tabs.Tab>}
      </Tabs.List>
      <Tabs.Panel value="threads">{threads}</Tabs.Panel>
      <Tabs.Panel value="suggestions">{suggestions}</Tabs.Panel>
      {activity && <Tabs.Panel value="activity">{activity}</Tabs.Panel>}
    </Tabs>
  );
}
