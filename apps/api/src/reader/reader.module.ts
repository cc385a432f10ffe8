import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { ArticleEventsModule } from '../article-events/article-events.module';
import { ArticlesModule } from '../articles/articles.module';
import { ClaimsModule } from '../claims/claims.module';
import { ReaderController } from './reader.controller';
import { ReaderViewCache } from './reader-view.cache';

@Module({ imports: [ArticlesModule, AnnotationsModule, ClaimsModule, ArticleEventsModule], controllers: [ReaderController], providers: [ReaderViewCache] })
export class ReaderModule {}
