import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';

@Module({ imports: [AnnotationsModule], controllers: [ArticlesController], providers: [ArticlesService], exports: [ArticlesService] })
export class ArticlesModule {}
