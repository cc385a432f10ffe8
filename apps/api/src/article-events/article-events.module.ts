import { Global, Module } from '@nestjs/common';
import { ArticleEventsController } from './article-events.controller';
import { ArticleEventsService } from './article-events.service';

@Global()
@Module({ controllers: [ArticleEventsController], providers: [ArticleEventsService], exports: [ArticleEventsService] })
export class ArticleEventsModule {}
