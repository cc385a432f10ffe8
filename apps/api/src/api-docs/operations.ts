import {
  AcceptedInvite,
  Agreement,
  Annotation,
  AnnotationVersion,
  ApiToken,
  Article,
  ArticleEvent,
  ArticleSummary,
  AuditPage,
  CandidateDismissal,
  ChangePasswordResponse,
  Claim,
  ClaimCandidate,
  ClaimComment,
  ClaimDetail,
  ClaimHistoryEntry,
  ClaimListItem,
  ClaimantCount,
  CreatedInvite,
  CreatedRevision,
  CreatedShare,
  CreatedToken,
  CreatedWebhook,
  Evidence,
  FactChecks,
  Health,
  Invite,
  InvitePreview,
  Member,
  MeResponse,
  NotificationsPage,
  Rating,
  ReaderView,
  Report,
  ReportSnapshot,
  ReviewSettings,
  SearchPage,
  SimilarClaim,
  Source,
  UserResponse,
  Verdict,
  WebhookDelivery,
  WebhookEndpoint,
  Workspace,
} from '@corroborate/contracts';
import { z } from 'zod';

/** "METHOD /api/path/:param", as Express registers a route (and the access matrix names it). */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`;

/** The error answers a route may give, all in the one error shape (`ErrorBody`). */
export const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 429, 503] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** A success body: a contract schema sent as JSON, or one schema per media type. */
export type Body = z.ZodType | { [mediaType: string]: z.ZodType };

export interface Operation {
  summary: string;
  description?: string;
  status: 200 | 201 | 204;
  body?: Body;
  /** A create that may carry a client-chosen id: repeating it answers 200 with the stored object. */
  retryable?: true;
  /** Errors besides those every route of its kind may answer (worked out in openapi.ts). */
  errors?: ErrorStatus[];
  /** Answers an unknown or revoked link with a bare text 404, as if nothing were there. */
  plainNotFound?: true;
}

type More = Partial<Pick<Operation, 'description' | 'errors' | 'plainNotFound'>>;
const ok = (summary: string, body: Body, more: More = {}): Operation => ({ summary, status: 200, body, ...more });
const created = (summary: string, body: Body, more: More = {}): Operation => ({ summary, status: 201, body, ...more });
const retryable = (summary: string, body: Body, more: More = {}): Operation => ({ ...created(summary, body, more), retryable: true });
const noContent = (summary: string, more: More = {}): Operation => ({ summary, status: 204, ...more });

const Pdf = z.string().meta({ format: 'binary' });
const JsonLd = z.record(z.string(), z.unknown());
/** A report in the format asked for (`format`, html by default). */
const report = {
  'text/html': z.string(),
  'application/pdf': Pdf,
  'text/markdown': z.string(),
  'text/csv': z.string(),
  'application/json': Report,
  'application/ld+json': JsonLd,
};

/**
 * What every API route answers, one row per route: the summary and the success body from the
 * contracts. Tags come from the controllers, security from `@Public`/`@SessionOnly`, and the
 * errors every route of its kind may answer from its parameters (see openapi.ts). A route
 * without a row fails the OpenAPI test, as one without an access rule fails the access matrix.
 */
export const OPERATIONS: Record<RouteKey, Operation> = {
  // Accounts
  'POST /api/auth/register': created('Sign up', UserResponse, {
    description: 'Answers 201 with a session cookie whether or not the address already has an account (see the README).',
    errors: [429],
  }),
  'POST /api/auth/login': ok('Sign in', UserResponse, { description: 'Sets the session cookie.', errors: [429] }),
  'POST /api/auth/logout': noContent('Sign out', { description: 'Ends the session the request was made with.' }),
  'POST /api/auth/password': ok('Change the password', ChangePasswordResponse, {
    description: "Signs out the user's other sessions and revokes their API tokens. Only a session may call it.",
    errors: [429],
  }),
  'GET /api/me': ok('The signed-in user and their workspaces', MeResponse),
  'POST /api/tokens': created('Create a personal API token', CreatedToken, { description: 'The secret is shown only in this answer. Only a session may call it.' }),
  'GET /api/tokens': ok("The user's API tokens", z.array(ApiToken)),
  'DELETE /api/tokens/:tokenId': noContent('Revoke an API token'),
  'GET /api/notifications': ok("The user's notifications, newest first", NotificationsPage),
  'POST /api/notifications/read-all': noContent('Mark every notification read'),
  'POST /api/notifications/:notificationId/read': noContent('Mark a notification read'),

  // Workspaces, members, invites, audit
  'POST /api/workspaces': retryable('Create a workspace', Workspace, { description: 'The caller becomes its owner.' }),
  'GET /api/workspaces': ok("The caller's workspaces", z.array(Workspace)),
  'GET /api/workspaces/:workspaceId': ok('A workspace', Workspace),
  'GET /api/workspaces/:workspaceId/members': ok("The workspace's members", z.array(Member)),
  'POST /api/workspaces/:workspaceId/members': created('Add a member by email', Member, { errors: [409, 429] }),
  'PATCH /api/workspaces/:workspaceId/members/:userId': ok("Change a member's role", Member, { errors: [409] }),
  'DELETE /api/workspaces/:workspaceId/members/:userId': noContent('Remove a member', { errors: [409] }),
  'POST /api/workspaces/:workspaceId/invites': created('Create an invite link', CreatedInvite, { description: 'The link is shown only in this answer.' }),
  'GET /api/workspaces/:workspaceId/invites': ok("The workspace's open invites", z.array(Invite)),
  'DELETE /api/workspaces/:workspaceId/invites/:inviteId': noContent('Revoke an invite'),
  'GET /api/invites/:token': ok('What an invite link offers', InvitePreview),
  'POST /api/invites/:token/accept': ok('Accept an invite', AcceptedInvite, { errors: [409] }),
  'GET /api/workspaces/:workspaceId/audit': ok("The workspace's audit log, newest first", AuditPage),

  // Articles and their live events
  'POST /api/workspaces/:workspaceId/articles': retryable('Import an article', Article, {
    description: 'Exactly one of text, html, markdown or url; a url is fetched by the server behind an SSRF guard.',
  }),
  'GET /api/workspaces/:workspaceId/articles': ok("The workspace's articles", z.array(ArticleSummary)),
  'GET /api/articles/:articleId': ok('An article with its latest revision', Article),
  'GET /api/articles/:articleId/reader': ok('Everything the reader opens with: the article, its annotations and the event seq they are current to', ReaderView, {
    description: 'Join the article live with this seq as sinceSeq to receive only what changed after it.',
  }),
  'POST /api/articles/:articleId/revisions': created('Add a revision', CreatedRevision, {
    description: "Re-anchors the article's annotations and claims on the new text and says where each one landed.",
  }),
  'GET /api/articles/:articleId/events': ok("The article's events after a sequence number", z.array(ArticleEvent), {
    description: 'The same envelopes the socket sends (see the AsyncAPI document), for catching up.',
  }),

  // Annotations
  'POST /api/articles/:articleId/annotations': retryable('Annotate a passage, or reply', Annotation),
  'GET /api/articles/:articleId/annotations': ok("The article's annotations", z.array(Annotation)),
  'GET /api/articles/:articleId/annotations.jsonld': ok('The annotations as a W3C Web Annotation collection', { 'application/ld+json': JsonLd }),
  'PATCH /api/annotations/:annotationId': ok('Edit, tag or resolve an annotation', Annotation),
  'GET /api/annotations/:annotationId/history': ok('The body as first written and after each edit, oldest first (from the audit log)', z.array(AnnotationVersion)),
  'PATCH /api/annotations/:annotationId/target': ok('Re-attach an annotation to a passage of the latest text', Annotation),
  'DELETE /api/annotations/:annotationId': noContent('Delete an annotation'),

  // Claims
  'POST /api/articles/:articleId/claims': retryable('Make a claim, from a passage or without one', Claim),
  'GET /api/articles/:articleId/claims': ok("The article's claims", z.array(Claim)),
  'GET /api/claims/:claimId': ok('A claim, with its verdicts as the caller may see them', ClaimDetail),
  'PATCH /api/claims/:claimId': ok("Change a claim's fields, assignees or status", Claim),
  'DELETE /api/claims/:claimId': noContent('Delete a claim'),
  'POST /api/claims/:claimId/take': ok('Take an open, unassigned claim', Claim),
  'PATCH /api/claims/:claimId/spans/:spanId': ok("Re-attach a claim's passage to the latest text", Claim),
  'GET /api/claims/:claimId/history': ok("The claim's history, oldest first", z.array(ClaimHistoryEntry)),
  'GET /api/workspaces/:workspaceId/claims': ok("The workspace's claims, filtered and sorted", z.array(ClaimListItem)),
  'GET /api/workspaces/:workspaceId/queue': ok("The caller's open claims, overdue first", z.array(ClaimListItem)),
  'GET /api/workspaces/:workspaceId/claimants': ok('Claimants named on the claims, most named first', z.array(ClaimantCount)),

  // Evidence and sources
  'POST /api/claims/:claimId/evidence': retryable('Add evidence to a claim', Evidence),
  'GET /api/claims/:claimId/evidence': ok("The claim's evidence, in order", z.array(Evidence)),
  'PUT /api/claims/:claimId/evidence/order': ok("Reorder the claim's evidence", z.array(Evidence)),
  'PATCH /api/evidence/:evidenceId': ok('Edit evidence', Evidence),
  'DELETE /api/evidence/:evidenceId': noContent('Delete evidence'),
  'GET /api/workspaces/:workspaceId/sources': ok('Sources cited across the workspace', z.array(Source)),

  // Claim comments
  'POST /api/claims/:claimId/comments': retryable('Comment on a claim', ClaimComment),
  'GET /api/claims/:claimId/comments': ok("The claim's comments", z.array(ClaimComment)),
  'PATCH /api/claim-comments/:commentId': ok('Edit a comment', ClaimComment),
  'DELETE /api/claim-comments/:commentId': noContent('Delete a comment'),

  // Review
  'POST /api/claims/:claimId/verdicts': retryable('Give a verdict', Verdict),
  'GET /api/claims/:claimId/verdicts': ok("The claim's verdicts as the caller may see them (blind review)", z.array(Verdict)),
  'POST /api/claims/:claimId/adjudication': ok('Decide the final rating of a disputed claim', Claim),
  'POST /api/claims/:claimId/confirmation': ok("Confirm or reject the claim's rating", Claim),
  'GET /api/workspaces/:workspaceId/review-queue': ok('Claims waiting for the caller’s review', z.array(ClaimListItem)),
  'GET /api/workspaces/:workspaceId/agreement': ok('How often reviewers agree', Agreement),
  'GET /api/workspaces/:workspaceId/rating-scale': ok("The workspace's rating scale", z.array(Rating)),
  'PUT /api/workspaces/:workspaceId/rating-scale': ok("Replace the workspace's rating scale", z.array(Rating)),
  'GET /api/workspaces/:workspaceId/review-settings': ok("The workspace's review settings", ReviewSettings),
  'PATCH /api/workspaces/:workspaceId/review-settings': ok("Change the workspace's review settings", ReviewSettings),

  // Reports
  'GET /api/articles/:articleId/report': ok("The article's report as it stands, in one format", report),
  'POST /api/articles/:articleId/reports': created('Publish the report as a numbered snapshot', ReportSnapshot),
  'GET /api/articles/:articleId/reports': ok("The article's published snapshots", z.array(ReportSnapshot)),
  'GET /api/reports/:snapshotId': ok('A published snapshot, in one format', report),
  'POST /api/reports/:snapshotId/shares': created('Create a read-only link to a snapshot', CreatedShare, { description: 'The secret is shown only in this answer.' }),
  'DELETE /api/report-shares/:shareId': noContent('Revoke a share link'),
  'GET /api/shared/:token': ok('A shared snapshot, for anyone holding the link', { 'text/html': z.string() }, { plainNotFound: true }),

  // Discovery
  'GET /api/articles/:articleId/claim-candidates': ok('Sentences worth checking, best first', z.array(ClaimCandidate)),
  'POST /api/articles/:articleId/claim-candidates/dismissals': retryable('Dismiss a suggested sentence for the whole workspace', CandidateDismissal),
  'GET /api/articles/:articleId/claim-candidates/dismissals': ok("Dismissed sentences of the article's latest text", z.array(CandidateDismissal)),
  'GET /api/workspaces/:workspaceId/claim-candidate-dismissals': ok("The workspace's dismissed sentences", z.array(CandidateDismissal)),
  'DELETE /api/claim-candidate-dismissals/:dismissalId': noContent('Restore a dismissed sentence'),
  'GET /api/workspaces/:workspaceId/similar-claims': ok('Claims like a statement, across the workspace', z.array(SimilarClaim)),
  'GET /api/claims/:claimId/similar': ok('Claims like this one, across the workspace', z.array(SimilarClaim)),
  'POST /api/claims/:claimId/duplicate-of': ok('Mark the claim a duplicate of another', Claim),
  'DELETE /api/claims/:claimId/duplicate-of': ok('Unmark the claim as a duplicate', Claim),
  'GET /api/workspaces/:workspaceId/fact-checks': ok('Published fact-checks of a statement (Fact Check Tools)', FactChecks),
  'GET /api/claims/:claimId/fact-checks': ok('Published fact-checks of the claim (Fact Check Tools)', FactChecks),
  'GET /api/workspaces/:workspaceId/search': ok('Search the workspace', SearchPage),

  // Webhooks
  'POST /api/workspaces/:workspaceId/webhooks': created('Register a webhook endpoint', CreatedWebhook, {
    description: 'The signing secret is shown only in this answer. Deliveries carry Corroborate-Delivery, -Event, -Timestamp and -Signature (v1=hex HMAC-SHA256 of "<timestamp>.<body>").',
  }),
  'GET /api/workspaces/:workspaceId/webhooks': ok("The workspace's webhook endpoints", z.array(WebhookEndpoint)),
  'DELETE /api/webhooks/:endpointId': noContent('Remove a webhook endpoint'),
  'GET /api/webhooks/:endpointId/deliveries': ok("An endpoint's delivery log", z.array(WebhookDelivery)),
  'POST /api/webhooks/:endpointId/test': created('Send a test event (ping)', WebhookDelivery),
  'POST /api/webhook-deliveries/:deliveryId/redeliver': created('Send a delivery again, under a new delivery id', WebhookDelivery),

  // Health
  'GET /api/health/live': ok('The process answers', Health),
  'GET /api/health/ready': ok('The database answers and is migrated', Health),
  'GET /api/health': ok('The database answers and is migrated (as /api/health/ready)', Health),
};
