import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { READER_CANDIDATES, type ReaderView } from '@corroborate/contracts';
import type { Request, Response } from 'express';
import { AnnotationsService } from '../annotations/annotations.service';
import { ArticleEventsService } from '../article-events/article-events.service';
import { ArticleViewCache, claimsOutside, sendView } from '../article-events/article-view.cache';
import { ArticlesService } from '../articles/articles.service';
import { Auth, type AuthContext } from '../auth/auth.context';
import { CandidatesService } from '../candidates/candidates.service';
import { ClaimsService } from '../claims/claims.service';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { ScaleService } from '../review/scale.service';
import { AccessService } from '../workspaces/access.service';
import { MembersService } from '../workspaces/members.service';

@ApiTags('articles')
@Controller()
export class ReaderController {
  constructor(
    private readonly access: AccessService,
    private readonly articles: ArticlesService,
    private readonly annotations: AnnotationsService,
    private readonly claims: ClaimsService,
    private readonly members: MembersService,
    private readonly scales: ScaleService,
    private readonly candidates: CandidatesService,
    private readonly events: ArticleEventsService,
    private readonly views: ArticleViewCache,
  ) {}

  /**
   * Everything the reader shows as it opens (ReaderView) and the event seq it is current to, so
   * the reader opens with one request: each request is a fixed cost before any work, which
   * fifty readers opening at once pay in queueing (bench/reads.ts). The seq is read first: the
   * lists read after it include everything up to it, and events after it are replayed by the
   * live catch-up (replays are harmless). Served from one serialised copy per seq (see
   * ArticleViewCache), compressed when the client accepts it, and answered 304 when the client
   * already holds it.
   */
  @Get('articles/:articleId/reader')
  async view(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { workspaceId } = await this.access.requireArticle(auth.userId, articleId);
    const seq = await this.events.lastSeq(articleId);
    const view = await this.views.get(
      'reader',
      articleId,
      seq,
      async () => {
        const [article, annotations, claims, members, ratingScale, candidates] = await Promise.all([
          this.articles.get(auth.userId, articleId),
          this.annotations.list(auth.userId, articleId),
          this.claims.list(auth.userId, articleId),
          this.members.list(auth.userId, workspaceId),
          this.scales.scale(workspaceId),
          this.candidates.list(auth.userId, articleId, { include: ['dismissed'], limit: READER_CANDIDATES }),
        ]);
        return { article, annotations, claims, members, ratingScale, candidates, seq };
      },
      (v: ReaderView) => {
        const { people, claims } = claimsOutside(v.claims);
        return { workspaceId, people: [...people, ...v.annotations.map((a) => a.author.id), ...v.members.map((m) => m.userId)], claims };
      },
    );
    sendView(req, res, view);
  }
}
