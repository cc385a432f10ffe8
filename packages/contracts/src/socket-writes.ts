import { z } from 'zod';
import { Annotation, CreateAnnotationBody, UpdateAnnotationBody } from './annotations';
import { Claim, ClaimComment, CreateClaimBody, CreateClaimCommentBody, UpdateClaimBody, UpdateClaimCommentBody } from './claims';
import type { ErrorBody } from './errors';
import { CreateEvidenceBody, Evidence, UpdateEvidenceBody } from './evidence';
import { Uuid } from './common';

/**
 * Writes a client may send over its socket instead of REST: the same request body, under
 * `body`, beside the ids the REST path carries (`{articleId, body}` for
 * `POST /articles/:articleId/annotations`). The server runs the same service for both.
 */
export const SOCKET_WRITES = {
  'annotation:create': { ids: z.object({ articleId: Uuid }), body: CreateAnnotationBody, answer: Annotation },
  'annotation:update': { ids: z.object({ annotationId: Uuid }), body: UpdateAnnotationBody, answer: Annotation },
  'claim:create': { ids: z.object({ articleId: Uuid }), body: CreateClaimBody, answer: Claim },
  'claim:update': { ids: z.object({ claimId: Uuid }), body: UpdateClaimBody, answer: Claim },
  'evidence:create': { ids: z.object({ claimId: Uuid }), body: CreateEvidenceBody, answer: Evidence },
  'evidence:update': { ids: z.object({ evidenceId: Uuid }), body: UpdateEvidenceBody, answer: Evidence },
  'claim-comment:create': { ids: z.object({ claimId: Uuid }), body: CreateClaimCommentBody, answer: ClaimComment },
  'claim-comment:update': { ids: z.object({ commentId: Uuid }), body: UpdateClaimCommentBody, answer: ClaimComment },
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
