import type { ReactNode } from 'react';
import { Tabs } from '@mantine/core';
import './discovery.css';

export type ReaderTab = 'threads' | 'suggestions' | 'claim';

interface ReaderSideProps {
  tab: ReaderTab;
  onTabChange: (tab: ReaderTab) => void;
  threads: ReactNode;
  suggestions: ReactNode;
  /** The claim a link opened, if any. */
  claim: ReactNode | null;
}

/** The column beside the reader's text: threads, suggested claims, and an opened claim. */
export function ReaderSide({ tab, onTabChange, threads, suggestions, claim }: ReaderSideProps) {
  return (
    <Tabs value={tab} onChange={(value) => value && onTabChange(value as ReaderTab)} className="reader-side" keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="threads">Threads</Tabs.Tab>
        <Tabs.Tab value="suggestions">Suggestions</Tabs.Tab>
        {claim && <Tabs.Tab value="claim">Claim</Tabs.Tab>}
      </Tabs.List>
      <Tabs.Panel value="threads">{threads}</Tabs.Panel>
      <Tabs.Panel value="suggestions">{suggestions}</Tabs.Panel>
      {claim && <Tabs.Panel value="claim">{claim}</Tabs.Panel>}
    </Tabs>
  );
}
