import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ReaderView } from '@corroborate/contracts';
import { AnnotationsService } from '../annotations/annotations.service';
import { ArticleEventsService } from '../article-events/article-events.service';
import { ArticlesService } from '../articles/articles.service';
import { Auth, type AuthContext } from '../auth/auth.context';
import { ClaimsService } from '../claims/claims.service';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { AccessService } from '../workspaces/access.service';

@ApiTags('articles')
@Controller()
export class ReaderController {
  constructor(
    private readonly access: AccessService,
    private readonly articles: ArticlesService,
    private readonly annotations: AnnotationsService,
    private readonly claims: ClaimsService,
    private readonly events: ArticleEventsService,
  ) {}

  /**
   * The article, its annotations, its claims and the event seq they are current to, so the
   * reader opens with one request. The seq is read first: the lists read after it include
   * everything up to it, and events after it are replayed by the live catch-up (replays are
   * harmless).
   */
  @Get('articles/:articleId/reader')
  async view(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string): Promise<ReaderView> {
    await this.access.requireArticle(auth.userId, articleId);
    const seq = await this.events.lastSeq(articleId);
    const [article, annotations, claims] = await Promise.all([
      this.articles.get(auth.userId, articleId),
      this.annotations.list(auth.userId, articleId),
      this.claims.list(auth.userId, articleId),
    ]);
    return { article, annotations, claims, seq };
  }
}
