import { Module } from '@nestjs/common';
import { AnnotationsController } from './annotations.controller';
import { AnnotationsService } from './annotations.service';

@Module({ controllers: [AnnotationsController], providers: [AnnotationsService] })
export class AnnotationsModule {}
