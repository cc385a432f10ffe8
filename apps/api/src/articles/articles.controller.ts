import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateArticleBody,
  CreateRevisionBody,
  type Article,
  type ArticleSummary,
  type CreatedRevision,
} from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { ArticlesService } from './articles.service';

class CreateArticleDto extends createZodDto(CreateArticleBody) {}
class CreateRevisionDto extends createZodDto(CreateRevisionBody) {}

@ApiTags('articles')
@Controller()
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Post('workspaces/:workspaceId/articles')
  async create(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Body() body: CreateArticleDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Article> {
    const { created, article } = await this.articles.create(auth.userId, workspaceId, body);
    res.status(created ? 201 : 200);
    return article;
  }

  @Get('workspaces/:workspaceId/articles')
  list(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<ArticleSummary[]> {
    return this.articles.list(auth.userId, workspaceId);
  }

  @Get('articles/:articleId')
  get(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string): Promise<Article> {
    return this.articles.get(auth.userId, articleId);
  }

  @Post('articles/:articleId/revisions')
  revise(
    @Auth() auth: AuthContext,
    @Param('articleId', UuidPipe) articleId: string,
    @Body() body: CreateRevisionDto,
  ): Promise<CreatedRevision> {
    return this.articles.revise(auth.userId, articleId, body);
  }
}
