import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { ClaimCommentsController } from './claim-comments.controller';
import { ClaimCommentsGateway } from './claim-comments.gateway';
import { ClaimCommentsService } from './claim-comments.service';

/** Threaded comments on claims. */
@Module({ imports: [ClaimsModule], controllers: [ClaimCommentsController], providers: [ClaimCommentsService, ClaimCommentsGateway] })
export class ClaimCommentsModule {}
