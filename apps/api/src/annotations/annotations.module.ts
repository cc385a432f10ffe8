import { Module } from '@nestjs/common';
import { AnnotationsController } from './annotations.controller';
import { AnnotationsGateway } from './annotations.gateway';
import { AnnotationsService } from './annotations.service';
import { ReanchorService } from './reanchor.service';
import { RevisionTexts } from './revision-texts';

@Module({
  controllers: [AnnotationsController],
  providers: [AnnotationsService, AnnotationsGateway, ReanchorService, RevisionTexts],
  exports: [AnnotationsService, ReanchorService, RevisionTexts],
})
export class AnnotationsModule {}
