import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClaimCandidatesQuery, DismissCandidateBody, type CandidateDismissal, type ClaimCandidate } from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { CandidatesService } from './candidates.service';
import { DismissalsService } from './dismissals.service';

class CandidatesQueryDto extends createZodDto(ClaimCandidatesQuery) {}
class DismissDto extends createZodDto(DismissCandidateBody) {}

const person = (auth: AuthContext) => ({ id: auth.userId, displayName: auth.displayName });

@ApiTags('claim candidates')
@Controller()
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly dismissals: DismissalsService,
  ) {}

  /** Check-worthy sentences of the latest revision, best first; claimed and dismissed ones only with `include`. */
  @Get('articles/:articleId/claim-candidates')
  list(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string, @Query() query: CandidatesQueryDto): Promise<ClaimCandidate[]> {
    return this.candidates.list(auth.userId, articleId, query);
  }

  /** Hides a suggested sentence for the whole workspace. */
  @Post('articles/:articleId/claim-candidates/dismissals')
  async dismiss(
    @Auth() auth: AuthContext,
    @Param('articleId', UuidPipe) articleId: string,
    @Body() body: DismissDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CandidateDismissal> {
    const { created, dismissal } = await this.dismissals.dismiss(person(auth), articleId, body);
    res.status(created ? 201 : 200);
    return dismissal;
  }

  /** The dismissals that hide sentences of this article, wherever they were made. */
  @Get('articles/:articleId/claim-candidates/dismissals')
  forArticle(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string): Promise<CandidateDismissal[]> {
    return this.dismissals.forArticle(auth.userId, articleId);
  }

  @Get('workspaces/:workspaceId/claim-candidate-dismissals')
  forWorkspace(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<CandidateDismissal[]> {
    return this.dismissals.forWorkspace(auth.userId, workspaceId);
  }

  /** Undoes a dismissal. */
  @Delete('claim-candidate-dismissals/:dismissalId')
  @HttpCode(204)
  restore(@Auth() auth: AuthContext, @Param('dismissalId', UuidPipe) dismissalId: string): Promise<void> {
    return this.dismissals.restore(person(auth), dismissalId);
  }
}
