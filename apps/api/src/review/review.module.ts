import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { AgreementService } from './agreement.service';
import { ReviewController } from './review.controller';
import { ScaleService } from './scale.service';
import { VerdictsService } from './verdicts.service';

/** Blind review of claims: rating scales, verdicts, adjudication and agreement figures. */
@Module({
  imports: [ClaimsModule],
  controllers: [ReviewController],
  providers: [VerdictsService, ScaleService, AgreementService],
  exports: [ScaleService],
})
export class ReviewModule {}
