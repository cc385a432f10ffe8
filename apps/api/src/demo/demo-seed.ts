import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Motivation, WorkspaceRole } from '@corroborate/contracts';
import type { Logger } from 'pino';
import { revisionColumns, toCanonicalText } from '../articles/import/canonical-text';
import { hashPassword } from '../auth/passwords';
import { type Anchor, resolveSelectors } from '../annotations/anchoring';
import { toAnnotation, withAuthor } from '../annotations/annotation.view';
import type { PrismaService, Tx } from '../infra/database/prisma.service';

const SEED_DIR = path.resolve(__dirname, '../../../../prisma/seed');

interface DemoFile {
  workspace: string;
  password: string;
  users: { email: string; displayName: string; role: WorkspaceRole }[];
  article: { file: string; title: string; author: string; sourceUrl: string; publishedAt: string };
  /** Threads on the article, each anchored by a quote that occurs once in it. */
  annotations: DemoThread[];
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
  prisma: PrismaService,
  mode: 'auto' | 'true' | 'false',
  log: Logger,
): Promise<DemoCredentials | null> {
  if (mode === 'false') return null;
  const demo = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'demo.json'), 'utf8')) as DemoFile;
  const credentials = {
    workspaceName: demo.workspace,
    password: demo.password,
    users: demo.users.map(({ email, role }) => ({ email, role })),
  };
  const alreadySeeded = await prisma.user.count({ where: { email: demo.users[0]!.email } });
  if (alreadySeeded) return credentials;
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
  log.info(`Seeded the demo workspace "${demo.workspace}"`);
  return credentials;
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
