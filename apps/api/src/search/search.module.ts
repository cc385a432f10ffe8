import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** Workspace search: one full-text search over everything a member may read. */
@Module({ imports: [AnnotationsModule], controllers: [SearchController], providers: [SearchService] })
export class SearchModule {}
