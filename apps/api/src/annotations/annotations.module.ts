import { Module } from '@nestjs/common';
import { AnnotationsController } from './annotations.controller';
import { AnnotationsService } from './annotations.service';
import { ReanchorService } from './reanchor.service';

@Module({
  controllers: [AnnotationsController],
  providers: [AnnotationsService, ReanchorService],
  exports: [ReanchorService],
})
export class AnnotationsModule {}
