import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { ArticleEventsModule } from '../article-events/article-events.module';
import { ArticlesModule } from '../articles/articles.module';
import { CandidatesModule } from '../candidates/candidates.module';
import { ClaimsModule } from '../claims/claims.module';
import { ReviewModule } from '../review/review.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ReaderController } from './reader.controller';

@Module({ imports: [ArticlesModule, AnnotationsModule, ClaimsModule, ArticleEventsModule, WorkspacesModule, ReviewModule, CandidatesModule], controllers: [ReaderController] })
export class ReaderModule {}
