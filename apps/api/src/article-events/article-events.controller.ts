import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventsQuery } from '@corroborate/contracts';
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

  /**
   * The change log after `after`, oldest first, at most `limit` entries: call again to page on.
   * Sent as the JSON text PostgreSQL built (an ArticleEvent[]; see operations.ts), as the
   * socket's catch-up is, not parsed and serialised again here.
   */
  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  async list(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string, @Query() query: EventsQueryDto): Promise<string> {
    await this.access.requireArticle(auth.userId, articleId);
    return (await this.events.afterJson(articleId, query.after, query.limit)).events.json;
  }
}
