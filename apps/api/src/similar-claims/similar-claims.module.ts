import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { DuplicatesService } from './duplicates.service';
import { FactChecksService } from './fact-checks.service';
import { SimilarClaimsController } from './similar-claims.controller';
import { SimilarClaimsService } from './similar-claims.service';

/** Never checking the same claim twice: similar claims across the workspace, duplicate links and published fact-checks. */
@Module({
  imports: [ClaimsModule],
  controllers: [SimilarClaimsController],
  providers: [SimilarClaimsService, DuplicatesService, FactChecksService],
})
export class SimilarClaimsModule {}
