import { Global, Module } from '@nestjs/common';
import { ArticleEventsController } from './article-events.controller';
import { ArticleEventsService } from './article-events.service';
import { ArticleViewCache } from './article-view.cache';

@Global()
@Module({ controllers: [ArticleEventsController], providers: [ArticleEventsService, ArticleViewCache], exports: [ArticleEventsService, ArticleViewCache] })
export class ArticleEventsModule {}
