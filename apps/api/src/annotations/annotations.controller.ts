import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateAnnotationBody, ReattachBody, UpdateAnnotationBody, type Annotation, type AnnotationVersion } from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { AnnotationsService } from './annotations.service';
import { ANNOTATION_MEDIA_TYPE } from './web-annotation';

class CreateAnnotationDto extends createZodDto(CreateAnnotationBody) {}
class UpdateAnnotationDto extends createZodDto(UpdateAnnotationBody) {}
class ReattachDto extends createZodDto(ReattachBody) {}

@ApiTags('annotations')
@Controller()
export class AnnotationsController {
  constructor(
    private readonly annotations: AnnotationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('articles/:articleId/annotations')
  async create(
    @Auth() auth: AuthContext,
    @Param('articleId', UuidPipe) articleId: string,
    @Body() body: CreateAnnotationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Annotation> {
    const author = { id: auth.userId, displayName: auth.displayName };
    const { created, annotation } = await this.annotations.create(author, articleId, body);
    res.status(created ? 201 : 200);
    return annotation;
  }

  @Get('articles/:articleId/annotations')
  list(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string): Promise<Annotation[]> {
    return this.annotations.list(auth.userId, articleId);
  }

  /** The article's annotations as a W3C Web Annotation collection (JSON-LD). */
  @Get('articles/:articleId/annotations.jsonld')
  async exportJsonLd(
    @Auth() auth: AuthContext,
    @Param('articleId', UuidPipe) articleId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    const collection = await this.annotations.exportCollection(auth.userId, articleId, this.config.PUBLIC_URL);
    res.type(ANNOTATION_MEDIA_TYPE);
    return collection;
  }

  @Patch('annotations/:annotationId')
  update(
    @Auth() auth: AuthContext,
    @Param('annotationId', UuidPipe) annotationId: string,
    @Body() body: UpdateAnnotationDto,
  ): Promise<Annotation> {
    return this.annotations.update({ id: auth.userId, displayName: auth.displayName }, annotationId, body);
  }

  /** Its body as first written and after each edit, oldest first. */
  @Get('annotations/:annotationId/history')
  history(@Auth() auth: AuthContext, @Param('annotationId', UuidPipe) annotationId: string): Promise<AnnotationVersion[]> {
    return this.annotations.history(auth.userId, annotationId);
  }

  /** Re-attaches a thread (say, an orphan) to a selection of the latest text. */
  @Patch('annotations/:annotationId/target')
  reattach(@Auth() auth: AuthContext, @Param('annotationId', UuidPipe) annotationId: string, @Body() body: ReattachDto): Promise<Annotation> {
    return this.annotations.reattach(auth.userId, annotationId, body);
  }

  @Delete('annotations/:annotationId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @Param('annotationId', UuidPipe) annotationId: string): Promise<void> {
    return this.annotations.remove(auth.userId, annotationId);
  }
}
