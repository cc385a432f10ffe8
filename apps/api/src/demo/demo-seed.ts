import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { ClaimPriority, CreateEvidenceBody, Motivation, WorkspaceRole } from '@corroborate/contracts';
import type { Logger } from 'pino';
import { ClaimCommentsService } from '../claim-comments/claim-comments.service';
import { ClaimsService } from '../claims/claims.service';
import { EvidenceService } from '../evidence/evidence.service';
import { PrismaService } from '../infra/database/prisma.service';
import { VerdictsService } from '../review/verdicts.service';
import { revisionColumns, toCanonicalText } from '../articles/import/canonical-text';
import { hashPassword } from '../auth/passwords';
import { type Anchor, resolveSelectors } from '../annotations/anchoring';
import { toAnnotation, withAuthor } from '../annotations/annotation.view';
import type { Tx } from '../infra/database/prisma.service';

const SEED_DIR = path.resolve(__dirname, '../../../../prisma/seed');

interface DemoFile {
  workspace: string;
  password: string;
  users: { email: string; displayName: string; role: WorkspaceRole }[];
  article: { file: string; title: string; author: string; sourceUrl: string; publishedAt: string };
  /** Threads on the article, each anchored by a quote that occurs once in it. */
  annotations: DemoThread[];
  /** Claims taken from the article, with their evidence, comments and review so far. */
  claims: DemoClaim[];
}

interface DemoClaim {
  by: string;
  quote: string;
  statement: string;
  claimant?: string;
  priority?: ClaimPriority;
  tags?: string[];
  assignees?: string[];
  dueInDays?: number;
  evidence?: (CreateEvidenceBody & { by: string })[];
  comments?: { by: string; body: string }[];
  /** How far the workflow has gone: started, or sent to review. */
  status?: 'in_progress' | 'in_review';
  verdicts?: { by: string; rating: string; rationale: string }[];
}

interface DemoThread {
  by: string;
  motivation: Exclude<Motivation, 'replying'>;
  quote: string;
  body?: string;
  tags?: string[];
  resolved?: boolean;
  replies?: { by: string; body: string }[];
}

export interface DemoCredentials {
  workspaceName: string;
  password: string;
  users: { email: string; role: WorkspaceRole }[];
}

/**
 * Seeds the demo workspace (users of every role and one article) when asked to, or, with
 * `auto`, on a database that has no users yet. Returns the credentials to print.
 */
export async function seedDemoIfWanted(
  app: INestApplicationContext,
  mode: 'auto' | 'true' | 'false',
  log: Logger,
): Promise<DemoCredentials | null> {
  if (mode === 'false') return null;
  const prisma = app.get(PrismaService);
  const demo = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'demo.json'), 'utf8')) as DemoFile;
  const credentials = {
    workspaceName: demo.workspace,
    password: demo.password,
    users: demo.users.map(({ email, role }) => ({ email, role })),
  };
  const alreadySeeded = await prisma.user.count({ where: { email: demo.users[0]!.email } });
  if (alreadySeeded) {
    await seedClaims(app, demo);
    return credentials;
  }
  if (mode === 'auto' && (await prisma.user.count()) > 0) return null;

  const passwordHash = await hashPassword(demo.password);
  const content = toCanonicalText({ text: fs.readFileSync(path.join(SEED_DIR, demo.article.file), 'utf8') });
  await prisma.$transaction(async (tx) => {
    const users = [];
    for (const u of demo.users) {
      users.push(await tx.user.create({ data: { email: u.email, displayName: u.displayName, passwordHash } }));
    }
    const owner = users[0]!;
    const workspace = await tx.workspace.create({
      data: {
        name: demo.workspace,
        memberships: { create: users.map((u, i) => ({ userId: u.id, role: demo.users[i]!.role })) },
      },
    });
    const article = await tx.article.create({
      data: {
        workspaceId: workspace.id,
        title: demo.article.title,
        author: demo.article.author,
        sourceUrl: demo.article.sourceUrl,
        publishedAt: new Date(demo.article.publishedAt),
        createdById: owner.id,
        revisions: {
          create: { number: 1, ...revisionColumns(content), createdById: owner.id },
        },
      },
      include: { revisions: true },
    });
    const byEmail = new Map(users.map((u) => [u.email, u.id]));
    await seedThreads(tx, demo.annotations, article.id, article.revisions[0]!, byEmail);
    await tx.auditEntry.create({
      data: {
        workspaceId: workspace.id,
        actorId: owner.id,
        action: 'demo.seeded',
        entityType: 'workspace',
        entityId: workspace.id,
        after: { users: demo.users.length, articleId: article.id },
      },
    });
  });
  await seedClaims(app, demo);
  log.info(`Seeded the demo workspace "${demo.workspace}"`);
  return credentials;
}

/**
 * The demo article's claims, made through the same services as the desk's own work, so their
 * events, audit entries and notifications are real. Runs once: not when the article has claims.
 */
async function seedClaims(app: INestApplicationContext, demo: DemoFile): Promise<void> {
  const prisma = app.get(PrismaService);
  const article = await prisma.article.findFirst({ where: { title: demo.article.title, workspace: { name: demo.workspace } }, include: { revisions: true } });
  if (!article || (await prisma.claim.count({ where: { articleId: article.id } }))) return;
  const users = await prisma.user.findMany({ where: { email: { in: demo.users.map((u) => u.email) } }, select: { id: true, email: true, displayName: true } });
  const as = (email: string) => {
    const user = users.find((u) => u.email === email);
    if (!user) throw new Error(`demo.json: no demo user ${email}`);
    return { id: user.id, displayName: user.displayName };
  };
  const [claims, evidence, comments, verdicts] = [app.get(ClaimsService), app.get(EvidenceService), app.get(ClaimCommentsService), app.get(VerdictsService)];
  const editor = as(demo.users.find((u) => u.role === 'editor')!.email);
  for (const c of demo.claims) {
    let claim = (
      await claims.create(as(c.by), article.id, {
        statement: c.statement,
        claimant: c.claimant,
        priority: c.priority,
        tags: c.tags,
        target: { selector: [{ type: 'TextQuoteSelector', exact: c.quote, prefix: '', suffix: '' }] },
      })
    ).claim;
    if (c.assignees?.length) {
      const dueAt = c.dueInDays ? new Date(Date.now() + c.dueInDays * 86_400_000).toISOString() : undefined;
      claim = await claims.update(editor, claim.id, { version: claim.version, assigneeIds: c.assignees.map((e) => as(e).id), dueAt });
    }
    for (const { by, ...item } of c.evidence ?? []) await evidence.create(as(by), claim.id, item);
    for (const comment of c.comments ?? []) await comments.create(as(comment.by), claim.id, { body: comment.body });
    const worker = as(c.assignees?.[0] ?? c.by);
    if (c.status) claim = await claims.update(worker, claim.id, { version: claim.version, status: 'in_progress' });
    if (c.status === 'in_review') claim = await claims.update(worker, claim.id, { version: claim.version, status: 'in_review' });
    for (const v of c.verdicts ?? []) await verdicts.create(as(v.by), claim.id, { rating: v.rating, rationale: v.rationale, evidenceIds: [] });
  }
}

/** The demo's threads and their log events (seq 1, 2, …), as if the desk had written them. */
async function seedThreads(
  tx: Tx,
  threads: DemoThread[],
  articleId: string,
  revision: { id: string; text: string },
  byEmail: Map<string, string>,
): Promise<void> {
  let seq = 0;
  const author = (email: string) => {
    const id = byEmail.get(email);
    if (!id) throw new Error(`demo.json: no demo user ${email}`);
    return id;
  };
  const write = async (note: { authorId: string; motivation: Motivation; body?: string; tags?: string[]; anchor: Anchor; replyToId?: string; resolved?: boolean }) => {
    const { authorId, motivation, anchor, replyToId, resolved } = note;
    const row = await tx.annotation.create({
      data: {
        id: randomUUID(),
        articleId,
        revisionId: revision.id,
        authorId,
        motivation,
        body: note.body ?? null,
        tags: note.tags ?? [],
        ...anchor,
        replyToId,
        ...(resolved ? { resolvedAt: new Date(), resolvedById: authorId } : {}),
      },
      include: withAuthor,
    });
    await tx.articleEvent.create({ data: { articleId, seq: ++seq, type: 'annotation.created', actorId: authorId, data: toAnnotation(row) } });
    return row;
  };
  for (const thread of threads) {
    const anchor = resolveSelectors(revision.text, [{ type: 'TextQuoteSelector', exact: thread.quote, prefix: '', suffix: '' }]);
    const root = await write({ ...thread, authorId: author(thread.by), anchor });
    for (const reply of thread.replies ?? []) {
      await write({ authorId: author(reply.by), motivation: 'replying', body: reply.body, anchor, replyToId: root.id });
    }
  }
  await tx.article.update({ where: { id: articleId }, data: { lastSeq: seq } });
}
