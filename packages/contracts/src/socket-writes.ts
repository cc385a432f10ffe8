import { z } from 'zod';
import { Annotation, CreateAnnotationBody, UpdateAnnotationBody } from './annotations';
import { Claim, ClaimComment, CreateClaimBody, CreateClaimCommentBody, UpdateClaimBody, UpdateClaimCommentBody } from './claims';
import { ErrorBody } from './errors';
import { CreateEvidenceBody, Evidence, UpdateEvidenceBody } from './evidence';
import { Uuid } from './common';

/**
 * Writes a client may send over its socket instead of REST: the same request body, under
 * `body`, beside the ids the REST path carries (`{articleId, body}` for
 * `POST /articles/:articleId/annotations`). The server runs the same service for both.
 */
export const SOCKET_WRITES = {
  'annotation:create': { summary: 'Annotate a passage, or reply (as POST /api/articles/{articleId}/annotations)', ids: z.object({ articleId: Uuid }), body: CreateAnnotationBody, answer: Annotation },
  'annotation:update': { summary: 'Edit, tag or resolve an annotation (as PATCH /api/annotations/{annotationId})', ids: z.object({ annotationId: Uuid }), body: UpdateAnnotationBody, answer: Annotation },
  'claim:create': { summary: 'Make a claim (as POST /api/articles/{articleId}/claims)', ids: z.object({ articleId: Uuid }), body: CreateClaimBody, answer: Claim },
  'claim:update': { summary: 'Change a claim (as PATCH /api/claims/{claimId})', ids: z.object({ claimId: Uuid }), body: UpdateClaimBody, answer: Claim },
  'evidence:create': { summary: 'Add evidence to a claim (as POST /api/claims/{claimId}/evidence)', ids: z.object({ claimId: Uuid }), body: CreateEvidenceBody, answer: Evidence },
  'evidence:update': { summary: 'Edit evidence (as PATCH /api/evidence/{evidenceId})', ids: z.object({ evidenceId: Uuid }), body: UpdateEvidenceBody, answer: Evidence },
  'claim-comment:create': { summary: 'Comment on a claim (as POST /api/claims/{claimId}/comments)', ids: z.object({ claimId: Uuid }), body: CreateClaimCommentBody, answer: ClaimComment },
  'claim-comment:update': { summary: 'Edit a claim comment (as PATCH /api/claim-comments/{commentId})', ids: z.object({ commentId: Uuid }), body: UpdateClaimCommentBody, answer: ClaimComment },
} as const;

export type SocketWriteEvent = keyof typeof SOCKET_WRITES;
export const SOCKET_WRITE_EVENTS = Object.keys(SOCKET_WRITES) as SocketWriteEvent[];

type Spec<E extends SocketWriteEvent> = (typeof SOCKET_WRITES)[E];
export type SocketWritePayload<E extends SocketWriteEvent> = z.input<Spec<E>['ids']> & { body: z.input<Spec<E>['body']> };

/**
 * A write's answer: the stored object with the status REST would have answered (201 created,
 * 200 for an idempotent repeat or an update), or the REST error shape with its status.
 */
export type SocketWriteAck<E extends SocketWriteEvent> =
  | { ok: true; status: number; data: z.output<Spec<E>['answer']> }
  | { ok: false; status: number; error: ErrorBody['error'] };

export type SocketWriteEvents = {
  [E in SocketWriteEvent]: (payload: SocketWritePayload<E>, ack: (answer: SocketWriteAck<E>) => void) => void;
};

/** A write's payload and acknowledgement as schemas, for the AsyncAPI document. */
export function socketWriteSchemas(event: SocketWriteEvent) {
  const spec = SOCKET_WRITES[event];
  return {
    summary: spec.summary,
    payload: spec.ids.extend({ body: spec.body }),
    ack: z.union([
      z.object({ ok: z.literal(true), status: z.number().int(), data: spec.answer }),
      z.object({ ok: z.literal(false), status: z.number().int(), error: ErrorBody.shape.error }),
    ]),
  };
}
