import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceGateway } from './evidence.gateway';
import { EvidenceService } from './evidence.service';
import { SourcesService } from './sources.service';

/** Evidence on claims, and the workspace's sources it cites. */
@Module({ imports: [ClaimsModule], controllers: [EvidenceController], providers: [EvidenceService, EvidenceGateway, SourcesService] })
export class EvidenceModule {}
