import { useMemo } from 'react';
import type { Layer } from '../annotations/segments';
import { HIT_KEY } from '../annotations/components/HighlightedRange';
import { useClaimCandidates } from './api';

/**
 * What discovery draws over the reader's text: a faint marker on each open suggestion (when
 * shown), and the passage a link pointed at.
 */
export function useDiscoveryLayers(articleId: string, showMarkers: boolean, passage: { start: number; end: number } | null) {
  const candidates = useClaimCandidates(articleId);
  return useMemo(() => {
    const layers: Layer[] = [];
    const suggestions = new Map<string, string>();
    if (showMarkers) {
      for (const c of candidates.data ?? []) {
        if (c.dismissed || c.claimed) continue;
        const key = `suggestion:${c.hash}`;
        suggestions.set(key, c.hash);
        layers.push({ key, start: c.start, end: c.end });
      }
    }
    if (passage) layers.push({ key: HIT_KEY, ...passage });
    return { layers, suggestions };
  }, [candidates.data, showMarkers, passage]);
}
