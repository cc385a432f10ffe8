import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AdjudicationBody,
  AgreementQuery,
  ConfirmationBody,
  CreateVerdictBody,
  UpdateRatingScaleBody,
  UpdateReviewSettingsBody,
  type Agreement,
  type Claim,
  type ClaimListItem,
  type Rating,
  type ReviewSettings,
  type Verdict,
} from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext, RequiresScope } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { AgreementService } from './agreement.service';
import { ScaleService } from './scale.service';
import { VerdictsService } from './verdicts.service';

class CreateVerdictDto extends createZodDto(CreateVerdictBody) {}
class AdjudicationDto extends createZodDto(AdjudicationBody) {}
class ConfirmationDto extends createZodDto(ConfirmationBody) {}
class RatingScaleDto extends createZodDto(UpdateRatingScaleBody) {}
class ReviewSettingsDto extends createZodDto(UpdateReviewSettingsBody) {}
class AgreementQueryDto extends createZodDto(AgreementQuery) {}

const person = (auth: AuthContext) => ({ id: auth.userId, displayName: auth.displayName });

@ApiTags('review')
@Controller()
export class ReviewController {
  constructor(
    private readonly verdicts: VerdictsService,
    private readonly scales: ScaleService,
    private readonly agreements: AgreementService,
  ) {}

  @Post('claims/:claimId/verdicts')
  async create(
    @Auth() auth: AuthContext,
    @Param('claimId', UuidPipe) claimId: string,
    @Body() body: CreateVerdictDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Verdict> {
    const { created, verdict } = await this.verdicts.create(person(auth), claimId, body);
    res.status(created ? 201 : 200);
    return verdict;
  }

  /** Blind review: the others' verdicts only once the caller has given theirs (editors and owners see all). */
  @Get('claims/:claimId/verdicts')
  list(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string): Promise<Verdict[]> {
    return this.verdicts.list(auth.userId, claimId);
  }

  @Post('claims/:claimId/adjudication')
  @HttpCode(200)
  adjudicate(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Body() body: AdjudicationDto): Promise<Claim> {
    return this.verdicts.adjudicate(person(auth), claimId, body);
  }

  @Post('claims/:claimId/confirmation')
  @HttpCode(200)
  confirm(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Body() body: ConfirmationDto): Promise<Claim> {
    return this.verdicts.confirm(person(auth), claimId, body);
  }

  /** Claims awaiting the caller's verdict, longest waiting first. */
  @Get('workspaces/:workspaceId/review-queue')
  queue(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<ClaimListItem[]> {
    return this.verdicts.queue(auth.userId, workspaceId);
  }

  @Get('workspaces/:workspaceId/agreement')
  agreement(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string, @Query() query: AgreementQueryDto): Promise<Agreement> {
    return this.agreements.agreement(auth.userId, workspaceId, query.articleId);
  }

  @Get('workspaces/:workspaceId/rating-scale')
  scale(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<Rating[]> {
    return this.scales.readScale(auth.userId, workspaceId);
  }

  @Put('workspaces/:workspaceId/rating-scale')
  @RequiresScope('admin')
  replaceScale(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string, @Body() body: RatingScaleDto): Promise<Rating[]> {
    return this.scales.replaceScale(auth.userId, workspaceId, body.ratings);
  }

  @Get('workspaces/:workspaceId/review-settings')
  settings(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<ReviewSettings> {
    return this.scales.readSettings(auth.userId, workspaceId);
  }

  @Patch('workspaces/:workspaceId/review-settings')
  @RequiresScope('admin')
  updateSettings(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string, @Body() body: ReviewSettingsDto): Promise<ReviewSettings> {
    return this.scales.updateSettings(auth.userId, workspaceId, body);
  }
}
