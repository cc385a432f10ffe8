import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { ClaimCommentsController } from './claim-comments.controller';
import { ClaimCommentsService } from './claim-comments.service';

/** Threaded comments on claims. */
@Module({ imports: [ClaimsModule], controllers: [ClaimCommentsController], providers: [ClaimCommentsService] })
export class ClaimCommentsModule {}
