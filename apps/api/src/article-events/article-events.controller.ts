import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventsQuery, type ArticleEvent } from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { AccessService } from '../workspaces/access.service';
import { ArticleEventsService } from './article-events.service';

class EventsQueryDto extends createZodDto(EventsQuery) {}

@ApiTags('live events')
@Controller('articles/:articleId/events')
export class ArticleEventsController {
  constructor(
    private readonly events: ArticleEventsService,
    private readonly access: AccessService,
  ) {}

  /** The change log after `after`, oldest first, at most `limit` entries: call again to page on. */
  @Get()
  async list(
    @Auth() auth: AuthContext,
    @Param('articleId', UuidPipe) articleId: string,
    @Query() query: EventsQueryDto,
  ): Promise<ArticleEvent[]> {
    await this.access.requireArticle(auth.userId, articleId);
    return this.events.after(articleId, query.after, query.limit);
  }
}
