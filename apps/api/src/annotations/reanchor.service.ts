import { Injectable } from '@nestjs/common';
import type { Tx } from '../infra/database/prisma.service';
import { reanchor, type AnchorOutcome } from './reanchor';

export interface AnchorReport {
  kind: 'annotation';
  id: string;
  outcome: AnchorOutcome;
  score?: number;
  selector?: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ];
}

/** Moves an article's annotations onto a new revision of its text, inside the revision's transaction. */
@Injectable()
export class ReanchorService {
  async moveToRevision(tx: Tx, articleId: string, revision: { id: string; text: string }): Promise<AnchorReport[]> {
    const roots = await tx.annotation.findMany({
      where: { articleId, replyToId: null, deletedAt: null },
      orderBy: { start: 'asc' },
      include: { revision: { select: { text: true } } },
    });
    const reports: AnchorReport[] = [];
    for (const root of roots) {
      const result = await reanchor(root, root.revision.text.length, revision.text);
      const report: AnchorReport = { kind: 'annotation', id: root.id, outcome: result.outcome };
      if (result.score !== undefined) report.score = result.score;
      if (result.anchor) {
        const { exact, prefix, suffix, start, end } = result.anchor;
        report.selector = [
          { type: 'TextQuoteSelector', exact, prefix, suffix },
          { type: 'TextPositionSelector', start, end },
        ];
        // A thread's replies share its anchor.
        await tx.annotation.updateMany({
          where: { OR: [{ id: root.id }, { replyToId: root.id }], deletedAt: null },
          data: { revisionId: revision.id, exact, prefix, suffix, start, end, version: { increment: 1 } },
        });
      }
      reports.push(report);
    }
    return reports;
  }
}
