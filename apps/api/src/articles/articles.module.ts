import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { PageFetcher } from './import/page-fetcher';

@Module({ imports: [AnnotationsModule], controllers: [ArticlesController], providers: [ArticlesService, PageFetcher], exports: [ArticlesService] })
export class ArticlesModule {}
