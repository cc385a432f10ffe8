import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { PrismaService } from '../infra/database/prisma.service';
import { notFound } from '../infra/errors/app-error';

/**
 * Revision texts by id. Revisions never change, so a cached text is never stale; anchoring a
 * new annotation then needs no read of a possibly large text.
 */
@Injectable()
export class RevisionTexts {
  private readonly cache = new LRUCache<string, string>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (text) => Math.max(1, text.length * 2),
  });

  constructor(private readonly prisma: PrismaService) {}

  async get(revisionId: string): Promise<string> {
    const cached = this.cache.get(revisionId);
    if (cached !== undefined) return cached;
    const revision = await this.prisma.articleRevision.findUnique({ where: { id: revisionId }, select: { text: true } });
    if (!revision) throw notFound('Revision');
    this.cache.set(revisionId, revision.text);
    return revision.text;
  }
}
