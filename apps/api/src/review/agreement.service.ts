import { Injectable } from '@nestjs/common';
import type { Agreement, Person } from '@corroborate/contracts';
import { PrismaService } from '../infra/database/prisma.service';
import { AccessService } from '../workspaces/access.service';
import { cohenKappa, fleissKappa, percentAgreement } from './agreement';
import { ScaleService } from './scale.service';

/** How far independent reviewers agree, from each reviewer's first verdict in a claim's first round. */
@Injectable()
export class AgreementService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly scales: ScaleService,
  ) {}

  async agreement(userId: string, workspaceId: string, articleId?: string): Promise<Agreement> {
    await this.access.require(userId, workspaceId, 'decide');
    const { requiredVerdicts } = await this.scales.settings(workspaceId);
    const order = (await this.scales.scale(workspaceId)).map((r) => r.key);
    const verdicts = await this.prisma.verdict.findMany({
      where: { round: 1, supersedesId: null, claim: { workspaceId, deletedAt: null, ...(articleId ? { articleId } : {}) } },
      select: { claimId: true, reviewerId: true, rating: true, reviewer: { select: { id: true, displayName: true } } },
      orderBy: { createdAt: 'asc' },
    });
    // Per claim, each reviewer's first verdict (a superseding one replaces it later, not here).
    const byClaim = new Map<string, Map<string, string>>();
    const people = new Map<string, Person>();
    for (const v of verdicts) {
      const ratings = byClaim.get(v.claimId) ?? new Map<string, string>();
      if (!ratings.has(v.reviewerId)) ratings.set(v.reviewerId, v.rating);
      byClaim.set(v.claimId, ratings);
      people.set(v.reviewerId, v.reviewer);
    }
    const items = [...byClaim.values()].filter((r) => r.size >= Math.max(2, requiredVerdicts));
    const lists = items.map((r) => [...r.values()]);

    const raters = new Set(items.flatMap((r) => [...r.keys()]));
    const twoRaterItems = items.filter((r) => r.size === 2);
    const [a, b] = [...raters];
    const cohen = raters.size === 2 && twoRaterItems.length === items.length ? cohenKappa(items.map((r) => [r.get(a!)!, r.get(b!)!])) : null;

    const sizes = new Map<number, number>();
    for (const l of lists) sizes.set(l.length, (sizes.get(l.length) ?? 0) + 1);
    const modal = [...sizes.entries()].sort((x, y) => y[1] - x[1] || y[0] - x[0])[0]?.[0] ?? null;
    const fleiss = modal ? fleissKappa(lists.filter((l) => l.length === modal)) : null;

    const rank = (key: string) => (order.indexOf(key) === -1 ? order.length : order.indexOf(key));
    const confusion = new Map<string, { a: string; b: string; count: number }>();
    for (const l of lists) {
      for (let i = 0; i < l.length; i++) {
        for (let j = i + 1; j < l.length; j++) {
          const [x, y] = [l[i]!, l[j]!].sort((p, q) => rank(p) - rank(q) || p.localeCompare(q));
          const key = `${x}\n${y}`;
          const cell = confusion.get(key) ?? { a: x!, b: y!, count: 0 };
          cell.count += 1;
          confusion.set(key, cell);
        }
      }
    }

    const pairs: Agreement['pairs'] = [];
    const ids = [...raters].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const shared = items.filter((r) => r.has(ids[i]!) && r.has(ids[j]!)).map((r): [string, string] => [r.get(ids[i]!)!, r.get(ids[j]!)!]);
        if (!shared.length) continue;
        pairs.push({ reviewers: [people.get(ids[i]!)!, people.get(ids[j]!)!], claims: shared.length, percentAgreement: percentAgreement(shared), cohenKappa: cohenKappa(shared) });
      }
    }

    return {
      claims: items.length,
      percentAgreement: percentAgreement(lists),
      cohenKappa: cohen,
      fleissKappa: fleiss,
      fleissRaters: fleiss === null ? null : modal,
      confusion: [...confusion.values()].sort((p, q) => q.count - p.count),
      pairs,
    };
  }
}
