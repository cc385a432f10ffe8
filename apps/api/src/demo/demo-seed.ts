import fs from 'node:fs';
import path from 'node:path';
import type { WorkspaceRole } from '@corroborate/contracts';
import type { Logger } from 'pino';
import { revisionColumns, toCanonicalText } from '../articles/import/canonical-text';
import { hashPassword } from '../auth/passwords';
import type { PrismaService } from '../infra/database/prisma.service';

const SEED_DIR = path.resolve(__dirname, '../../../../prisma/seed');

interface DemoFile {
  workspace: string;
  password: string;
  users: { email: string; displayName: string; role: WorkspaceRole }[];
  article: { file: string; title: string; author: string; sourceUrl: string; publishedAt: string };
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
    });
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
