import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { CandidateAnalysis } from './candidate-analysis';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { DismissalsService } from './dismissals.service';

/** Claim candidates: check-worthy sentences suggested from an article's text, and the ones the desk set aside. */
@Module({
  imports: [AnnotationsModule],
  controllers: [CandidatesController],
  providers: [CandidateAnalysis, CandidatesService, DismissalsService],
  exports: [CandidatesService],
})
export class CandidatesModule {}
