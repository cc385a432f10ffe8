import { ClaimPriority, ClaimStatus, type ClaimsQuery } from '@corroborate/contracts';

export type ClaimSort = NonNullable<ClaimsQuery['sort']>;

/** The claims table's filters as they sit in the page's URL (shareable, kept on reload). */
export interface TableFilters {
  status: ClaimStatus[];
  /** `me`, `none`, a member's id, or '' for anyone. */
  assignee: string;
  tag: string;
  claimant: string;
  priority: ClaimPriority | '';
  overdue: boolean;
  q: string;
  sort: ClaimSort;
}

const SORTS: readonly ClaimSort[] = ['updated', 'due', 'priority', 'created', 'status'];

export function parseFilters(params: URLSearchParams): TableFilters {
  const priority = ClaimPriority.safeParse(params.get('priority'));
  const sort = params.get('sort') as ClaimSort | null;
  return {
    status: params.getAll('status').filter((s): s is ClaimStatus => ClaimStatus.safeParse(s).success),
    assignee: params.get('assignee') ?? '',
    tag: params.get('tag') ?? '',
    claimant: params.get('claimant') ?? '',
    priority: priority.success ? priority.data : '',
    overdue: params.get('overdue') === 'true',
    q: params.get('q') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'updated',
  };
}

export function filtersToParams(f: TableFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const s of f.status) params.append('status', s);
  for (const key of ['assignee', 'tag', 'claimant', 'priority', 'q'] as const) if (f[key].trim()) params.set(key, f[key].trim());
  if (f.overdue) params.set('overdue', 'true');
  if (f.sort !== 'updated') params.set('sort', f.sort);
  return params;
}

/** The API query for the filters (empty ones left out). */
export function toQuery(f: TableFilters): ClaimsQuery {
  return {
    ...(f.status.length ? { status: f.status } : {}),
    ...(f.assignee ? { assignee: f.assignee as ClaimsQuery['assignee'] } : {}),
    ...(f.tag.trim() ? { tag: f.tag.trim() } : {}),
    ...(f.claimant.trim() ? { claimant: f.claimant.trim() } : {}),
    ...(f.priority ? { priority: f.priority } : {}),
    ...(f.overdue ? { overdue: 'true' as const } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    sort: f.sort,
  };
}
