import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  can,
  MAX_EVIDENCE_PER_CLAIM,
  missingForKind,
  type CreateEvidenceBody,
  type Evidence,
  type Person,
  type ReorderEvidenceBody,
  type UpdateEvidenceBody,
} from '@corroborate/contracts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { ClaimAccessService, type ClaimAccess } from '../claims/claim-access.service';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { AppError, conflict, forbidden, invalid, notFound } from '../infra/errors/app-error';
import { evidenceInclude, toEvidence, type EvidenceRow } from './evidence.view';
import { sourceKey } from './source-key';

type Fields = Omit<UpdateEvidenceBody, 'version'>;

/** The stored columns for the given fields (absent ones untouched, empty text cleared). */
function columns(body: Fields) {
  const data: Record<string, unknown> = {};
  for (const key of ['url', 'title', 'publisher', 'publishedAt', 'excerpt', 'reliabilityNote', 'note'] as const) {
    if (body[key] !== undefined) data[key] = body[key] || null;
  }
  if (body.stance !== undefined) data.stance = body.stance;
  if (body.reliability !== undefined) data.reliability = body.reliability;
  return data;
}

const sameText = (a: string | null, b: string | null | undefined) => (a ?? '') === (b ?? '');

/** Evidence gathered for a claim: added, edited, reordered and removed through the article's event log. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly claimAccess: ClaimAccessService,
    private readonly events: ArticleEventsService,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string, claimId: string): Promise<Evidence[]> {
    await this.claimAccess.require(userId, claimId);
    const rows = await this.prisma.evidence.findMany({ where: { claimId, deletedAt: null }, include: evidenceInclude, orderBy: { position: 'asc' } });
    return rows.map(toEvidence);
  }

  async create(actor: Person, claimId: string, body: CreateEvidenceBody): Promise<{ created: boolean; evidence: Evidence }> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    return this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      if (body.id) {
        // A create repeated with its id (a retry, or a double submit that waited for the first
        // to release the article) is answered with what was stored, checked under the lock.
        const existing = await tx.evidence.findUnique({ where: { id: body.id }, include: evidenceInclude });
        if (existing) return { created: false, evidence: this.sameOrConflict(existing, actor.id, claimId, body) };
      }
      const count = await tx.evidence.count({ where: { claimId, deletedAt: null } });
      if (count >= MAX_EVIDENCE_PER_CLAIM) {
        throw new AppError('VALIDATION_FAILED', `A claim holds at most ${MAX_EVIDENCE_PER_CLAIM} evidence items; this one is full`, [
          { path: 'kind', message: `the claim already has ${count} evidence items` },
        ]);
      }
      const last = await tx.evidence.aggregate({ where: { claimId }, _max: { position: true } });
      const id = body.id ?? randomUUID();
      await tx.evidence.create({
        data: {
          id,
          claimId,
          kind: body.kind,
          stance: body.stance,
          ...columns(body),
          position: (last._max.position ?? -1) + 1,
          sourceId: await this.sourceId(tx, access.workspaceId, body),
          createdById: actor.id,
        },
      });
      const view = toEvidence(await tx.evidence.findUniqueOrThrow({ where: { id }, include: evidenceInclude }));
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'evidence.created', entityType: 'evidence', entityId: id, after: view });
      await append('evidence.created', view);
      return { created: true, evidence: view };
    });
  }

  async update(actor: Person, evidenceId: string, body: UpdateEvidenceBody): Promise<Evidence> {
    const { access, row } = await this.find(actor.id, evidenceId);
    if (row.createdById !== actor.id && !can.moderate(access.role)) throw forbidden('Only the person who added this evidence, an editor or an owner can edit it');
    return this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      const current = await tx.evidence.findUnique({ where: { id: evidenceId }, include: evidenceInclude });
      if (!current || current.deletedAt) throw notFound('Evidence');
      const before = toEvidence(current);
      if (current.version !== body.version) throw conflict('The evidence changed since you read it', before);
      const next = { kind: current.kind, url: current.url, title: current.title, publisher: current.publisher, excerpt: current.excerpt, note: current.note, ...columns(body) };
      // The create body's rule, for a kind whose fields the edit changed.
      const missing = missingForKind(next as Parameters<typeof missingForKind>[0]);
      if (missing) throw invalid(missing.path, missing.message);
      const movesSource = body.url !== undefined || body.publisher !== undefined;
      await tx.evidence.update({
        where: { id: evidenceId },
        data: {
          ...columns(body),
          ...(movesSource ? { sourceId: await this.sourceId(tx, access.workspaceId, next as Fields) } : {}),
          version: { increment: 1 },
        },
      });
      const view = toEvidence(await tx.evidence.findUniqueOrThrow({ where: { id: evidenceId }, include: evidenceInclude }));
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'evidence.updated', entityType: 'evidence', entityId: evidenceId, before, after: view });
      await append('evidence.updated', view);
      return view;
    });
  }

  /** Deleting keeps the row (marked deleted) and its history. */
  async remove(actor: Person, evidenceId: string): Promise<void> {
    const { access, row } = await this.find(actor.id, evidenceId);
    if (row.createdById !== actor.id && !can.moderate(access.role)) throw forbidden('Only the person who added this evidence, an editor or an owner can remove it');
    await this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      const { count } = await tx.evidence.updateMany({ where: { id: evidenceId, deletedAt: null }, data: { deletedAt: new Date() } });
      if (count === 0) throw notFound('Evidence');
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'evidence.deleted', entityType: 'evidence', entityId: evidenceId, before: toEvidence(row) });
      await append('evidence.deleted', { id: evidenceId, claimId: row.claimId });
    });
  }

  /** Puts the claim's evidence in the given order; `ids` must list every current item once. */
  async reorder(actor: Person, claimId: string, body: ReorderEvidenceBody): Promise<Evidence[]> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    return this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      const current = await tx.evidence.findMany({ where: { claimId, deletedAt: null }, select: { id: true }, orderBy: { position: 'asc' } });
      const ids = current.map((e) => e.id);
      const same = body.ids.length === ids.length && new Set(body.ids).size === ids.length && body.ids.every((id) => ids.includes(id));
      if (!same) {
        throw new AppError('CONFLICT', 'The order must list every evidence item of the claim once; the list changed since you read it', [
          { path: 'ids', message: `expected the ${ids.length} current items` },
        ], ids);
      }
      await tx.$executeRaw`
        UPDATE evidence e SET position = o.position - 1, updated_at = now()
        FROM unnest(${body.ids}::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE e.id = o.id AND e.claim_id = ${claimId}::uuid`;
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'evidence.reordered', entityType: 'claim', entityId: claimId, before: { ids }, after: { ids: body.ids } });
      await append('evidence.reordered', { claimId, ids: body.ids });
      const rows = await tx.evidence.findMany({ where: { claimId, deletedAt: null }, include: evidenceInclude, orderBy: { position: 'asc' } });
      return rows.map(toEvidence);
    });
  }

  private async find(userId: string, evidenceId: string): Promise<{ access: ClaimAccess; row: EvidenceRow }> {
    const row = await this.prisma.evidence.findUnique({ where: { id: evidenceId }, include: evidenceInclude });
    if (!row || row.deletedAt) throw notFound('Evidence');
    // A non-member gets the same answer as for evidence that does not exist.
    const access = await this.claimAccess.require(userId, row.claimId, undefined, 'Evidence');
    if (!can.analyse(access.role)) throw forbidden(`Your role (${access.role}) does not allow this`);
    return { access, row };
  }

  /** The workspace's record of this evidence's source, created on first use. */
  private async sourceId(tx: Tx, workspaceId: string, fields: Fields): Promise<string | null> {
    const source = sourceKey(fields);
    if (!source) return null;
    const row = await tx.source.upsert({
      where: { workspaceId_key: { workspaceId, key: source.key } },
      create: { workspaceId, ...source },
      update: {},
      select: { id: true },
    });
    return row.id;
  }

  private sameOrConflict(existing: EvidenceRow, userId: string, claimId: string, body: CreateEvidenceBody): Evidence {
    const same =
      !existing.deletedAt &&
      existing.claimId === claimId &&
      existing.createdById === userId &&
      existing.kind === body.kind &&
      existing.stance === body.stance &&
      existing.reliability === (body.reliability ?? 'unknown') &&
      sameText(existing.url, body.url) &&
      sameText(existing.title, body.title) &&
      sameText(existing.publisher, body.publisher) &&
      sameText(existing.publishedAt, body.publishedAt) &&
      sameText(existing.excerpt, body.excerpt) &&
      sameText(existing.reliabilityNote, body.reliabilityNote) &&
      sameText(existing.note, body.note);
    if (!same) throw conflict('This id is already in use; add the evidence with a new id');
    return toEvidence(existing);
  }
}
