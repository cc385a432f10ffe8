import type { Source, Stance } from '@corroborate/contracts';

export interface Outlet {
  outlet: string;
  citations: number;
  stances: Record<Stance, number>;
  sources: Source[];
}

/** Sources grouped by outlet (site or publisher), the most cited outlet first, its sources as the server ordered them. */
export function groupByOutlet(sources: readonly Source[]): Outlet[] {
  const byOutlet = new Map<string, Outlet>();
  for (const s of sources) {
    let group = byOutlet.get(s.outlet);
    if (!group) byOutlet.set(s.outlet, (group = { outlet: s.outlet, citations: 0, stances: { supports: 0, refutes: 0, context: 0, unclear: 0 }, sources: [] }));
    group.citations += s.citations;
    for (const [stance, n] of Object.entries(s.stances) as [Stance, number][]) group.stances[stance] += n;
    group.sources.push(s);
  }
  return [...byOutlet.values()].sort((a, b) => b.citations - a.citations || a.outlet.localeCompare(b.outlet));
}
