import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { ClaimAccessService } from './claim-access.service';
import { ClaimQueriesService } from './claim-queries.service';
import { ClaimsController } from './claims.controller';
import { ClaimsGateway } from './claims.gateway';
import { ClaimsService } from './claims.service';

/** Claims: checkable statements with spans, a workflow, assignees and a history. */
@Module({
  imports: [AnnotationsModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimsGateway, ClaimQueriesService, ClaimAccessService],
  exports: [ClaimsService, ClaimAccessService, ClaimQueriesService],
})
export class ClaimsModule {}
