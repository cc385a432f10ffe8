import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ClaimFactChecksQuery,
  FactChecksQuery,
  LinkDuplicateBody,
  SimilarClaimsQuery,
  SimilarToClaimQuery,
  UnlinkDuplicateQuery,
  type Claim,
  type FactChecks,
  type SimilarClaim,
} from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { DuplicatesService } from './duplicates.service';
import { FactChecksService } from './fact-checks.service';
import { SimilarClaimsService } from './similar-claims.service';

class SimilarQueryDto extends createZodDto(SimilarClaimsQuery) {}
class SimilarToClaimDto extends createZodDto(SimilarToClaimQuery) {}
class LinkDuplicateDto extends createZodDto(LinkDuplicateBody) {}
class UnlinkDuplicateDto extends createZodDto(UnlinkDuplicateQuery) {}
class FactChecksQueryDto extends createZodDto(FactChecksQuery) {}
class ClaimFactChecksDto extends createZodDto(ClaimFactChecksQuery) {}

const person = (auth: AuthContext) => ({ id: auth.userId, displayName: auth.displayName });

@ApiTags('similar claims')
@Controller()
export class SimilarClaimsController {
  constructor(
    private readonly similar: SimilarClaimsService,
    private readonly duplicates: DuplicatesService,
    private readonly factChecks: FactChecksService,
  ) {}

  /** Claims across the workspace like a statement (e.g. one being typed), most similar first. */
  @Get('workspaces/:workspaceId/similar-claims')
  forStatement(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string, @Query() query: SimilarQueryDto): Promise<SimilarClaim[]> {
    return this.similar.forStatement(auth.userId, workspaceId, query.q, query.limit, query.exclude);
  }

  @Get('claims/:claimId/similar')
  forClaim(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Query() query: SimilarToClaimDto): Promise<SimilarClaim[]> {
    return this.similar.forClaim(auth.userId, claimId, query.limit);
  }

  /** Marks the claim as a duplicate of another (its original's original, if that is one too). */
  @Post('claims/:claimId/duplicate-of')
  @HttpCode(200)
  link(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Body() body: LinkDuplicateDto): Promise<Claim> {
    return this.duplicates.link(person(auth), claimId, body);
  }

  @Delete('claims/:claimId/duplicate-of')
  unlink(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Query() query: UnlinkDuplicateDto): Promise<Claim> {
    return this.duplicates.unlink(person(auth), claimId, query);
  }

  /** Published fact-checks like a statement (Google Fact Check Tools; `enabled: false` without a key). */
  @Get('workspaces/:workspaceId/fact-checks')
  factChecksFor(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string, @Query() query: FactChecksQueryDto): Promise<FactChecks> {
    return this.factChecks.forQuery(auth.userId, workspaceId, query.q, query.language);
  }

  @Get('claims/:claimId/fact-checks')
  factChecksForClaim(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Query() query: ClaimFactChecksDto): Promise<FactChecks> {
    return this.factChecks.forClaim(auth.userId, claimId, query.language);
  }
}
