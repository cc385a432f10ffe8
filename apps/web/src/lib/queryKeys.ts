/** Every query key in the app comes from here, so invalidation stays predictable. */
export const queryKeys = {
  me: () => ['me'] as const,
  tokens: () => ['tokens'] as const,
  invitePreview: (token: string) => ['invite-preview', token] as const,
  workspaces: {
    all: () => ['workspaces'] as const,
    detail: (workspaceId: string) => ['workspaces', workspaceId] as const,
    members: (workspaceId: string) => ['workspaces', workspaceId, 'members'] as const,
    invites: (workspaceId: string) => ['workspaces', workspaceId, 'invites'] as const,
    articles: (workspaceId: string) => ['workspaces', workspaceId, 'articles'] as const,
    /** The activity feed; filtered ones (person, kind, article) sit under the same prefix. */
    audit: (workspaceId: string, filters?: Record<string, unknown>) =>
      filters ? (['workspaces', workspaceId, 'audit', filters] as const) : (['workspaces', workspaceId, 'audit'] as const),
    /** The claims table; refetched on focus, on a timer and when a notification arrives. */
    claims: (workspaceId: string, filters?: Record<string, unknown>) =>
      filters ? (['workspaces', workspaceId, 'claims', filters] as const) : (['workspaces', workspaceId, 'claims'] as const),
    /** "My queue": refreshed like the claims table. */
    queue: (workspaceId: string) => ['workspaces', workspaceId, 'queue'] as const,
    claimants: (workspaceId: string, q: string) => ['workspaces', workspaceId, 'claimants', q] as const,
    sources: (workspaceId: string) => ['workspaces', workspaceId, 'sources'] as const,
    /** Claims awaiting my verdict; refreshed like the claims table and after my own verdicts. */
    reviewQueue: (workspaceId: string) => ['workspaces', workspaceId, 'review-queue'] as const,
    ratingScale: (workspaceId: string) => ['workspaces', workspaceId, 'rating-scale'] as const,
    reviewSettings: (workspaceId: string) => ['workspaces', workspaceId, 'review-settings'] as const,
    agreement: (workspaceId: string, articleId?: string) => ['workspaces', workspaceId, 'agreement', articleId ?? 'all'] as const,
    webhooks: (workspaceId: string) => ['workspaces', workspaceId, 'webhooks'] as const,
    /** One endpoint's delivery log; polled while shown. */
    webhookDeliveries: (workspaceId: string, endpointId: string) => ['workspaces', workspaceId, 'webhooks', endpointId, 'deliveries'] as const,
  },
  articles: {
    detail: (articleId: string) => ['articles', articleId] as const,
    /** The reader's one request (article, annotations, seq); its data is only the seq. */
    reader: (articleId: string) => ['articles', articleId, 'reader'] as const,
    /** Kept current by the article's live events, never refetched on a timer. */
    annotations: (articleId: string) => ['articles', articleId, 'annotations'] as const,
    /** The article's claims, kept current by its live events like the annotations. */
    claims: (articleId: string) => ['articles', articleId, 'claims'] as const,
    /** One claim's evidence and comments, in the article's keys so a resync finds them. */
    claimEvidence: (articleId: string, claimId: string) => ['articles', articleId, 'claim-evidence', claimId] as const,
    claimComments: (articleId: string, claimId: string) => ['articles', articleId, 'claim-comments', claimId] as const,
    /** Refetched (when shown) after any event about the claim. */
    claimHistory: (articleId: string, claimId: string) => ['articles', articleId, 'claim-history', claimId] as const,
    /** An annotation's versions; keyed by its last edit, so a newer edit reads them afresh. */
    annotationHistory: (articleId: string, annotationId: string, editedAt: string | null) =>
      ['articles', articleId, 'annotation-history', annotationId, editedAt] as const,
    /** One claim's verdicts and decisions as I may see them (blind review); refetched like the history. */
    claimReview: (articleId: string, claimId: string) => ['articles', articleId, 'claim-review', claimId] as const,
    /** Who else is reading the article, as last announced by the server. */
    presence: (articleId: string) => ['articles', articleId, 'presence'] as const,
    /** Suggested claims of the latest revision; refetched when claims or dismissals change. */
    candidates: (articleId: string) => ['articles', articleId, 'claim-candidates'] as const,
    /** The report preview, one entry per set of options. */
    report: (articleId: string, options: Record<string, boolean>) => ['articles', articleId, 'report', options] as const,
    /** Published report snapshots and their share links. */
    reportSnapshots: (articleId: string) => ['articles', articleId, 'report-snapshots'] as const,
    reportSnapshot: (snapshotId: string) => ['report-snapshots', snapshotId] as const,
  },
  claims: {
    detail: (claimId: string) => ['claims', claimId] as const,
    similar: (claimId: string) => ['claims', claimId, 'similar'] as const,
    factChecks: (claimId: string) => ['claims', claimId, 'fact-checks'] as const,
  },
  discovery: {
    similar: (workspaceId: string, statement: string) => ['workspaces', workspaceId, 'similar-claims', statement] as const,
    factChecks: (workspaceId: string, statement: string) => ['workspaces', workspaceId, 'fact-checks', statement] as const,
    search: (workspaceId: string, params: Record<string, string | number | undefined>) => ['workspaces', workspaceId, 'search', params] as const,
  },
  /** The signed-in user's notifications; new ones arrive on the socket. */
  notifications: () => ['notifications'] as const,
  /** Mutation keys, so pending writes can be listed with `useMutationState`. */
  mutations: {
    annotationWrite: (articleId: string) => ['annotation-write', articleId] as const,
    /** Claims being created: until the server has one, nothing can be read or written under it. */
    claimCreate: (articleId: string) => ['claim-create', articleId] as const,
  },
};
