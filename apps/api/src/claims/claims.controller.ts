import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ClaimsQuery,
  CreateClaimBody,
  FilterText,
  ReattachBody,
  TakeClaimBody,
  UpdateClaimBody,
  type Claim,
  type ClaimDetail,
  type ClaimantCount,
  type ClaimHistoryEntry,
  type ClaimListItem,
} from '@corroborate/contracts';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ArticleEventsService } from '../article-events/article-events.service';
import { ArticleViewCache, claimsOutside, sendView } from '../article-events/article-view.cache';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { AccessService } from '../workspaces/access.service';
import { ClaimQueriesService } from './claim-queries.service';
import { ClaimsService } from './claims.service';

class CreateClaimDto extends createZodDto(CreateClaimBody) {}
class UpdateClaimDto extends createZodDto(UpdateClaimBody) {}
class TakeClaimDto extends createZodDto(TakeClaimBody) {}
class ReattachDto extends createZodDto(ReattachBody) {}
class ClaimsQueryDto extends createZodDto(ClaimsQuery) {}
class ClaimantsQueryDto extends createZodDto(z.object({ q: FilterText(300).optional() })) {}

const person = (auth: AuthContext) => ({ id: auth.userId, displayName: auth.displayName });

@ApiTags('claims')
@Controller()
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly queries: ClaimQueriesService,
    private readonly access: AccessService,
    private readonly events: ArticleEventsService,
    private readonly views: ArticleViewCache,
  ) {}

  @Post('articles/:articleId/claims')
  async create(
    @Auth() auth: AuthContext,
    @Param('articleId', UuidPipe) articleId: string,
    @Body() body: CreateClaimDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Claim> {
    const { created, claim } = await this.claims.create(person(auth), articleId, body);
    res.status(created ? 201 : 200);
    return claim;
  }

  /** Served as the reader view is: one serialised copy per change for every member (see ArticleViewCache), an ETag, gzip. */
  @Get('articles/:articleId/claims')
  async list(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { workspaceId } = await this.access.requireArticle(auth.userId, articleId);
    const seq = await this.events.lastSeq(articleId);
    const view = await this.views.get('claims', articleId, seq, () => this.claims.list(auth.userId, articleId), (claims: Claim[]) => ({ workspaceId, ...claimsOutside(claims) }));
    sendView(req, res, view);
  }

  /** The claim with its verdicts and decisions as the caller may see them (blind review). */
  @Get('claims/:claimId')
  get(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string): Promise<ClaimDetail> {
    return this.claims.get(auth.userId, claimId);
  }

  /** Fields, assignees and status in one change; `status` moves follow the workflow table in the contracts. */
  @Patch('claims/:claimId')
  update(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Body() body: UpdateClaimDto): Promise<Claim> {
    return this.claims.update(person(auth), claimId, body);
  }

  @Delete('claims/:claimId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string): Promise<void> {
    return this.claims.remove(person(auth), claimId);
  }

  /** "Take it": the caller becomes the assignee of an open, unassigned claim. */
  @Post('claims/:claimId/take')
  @HttpCode(200)
  take(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Body() body: TakeClaimDto): Promise<Claim> {
    return this.claims.take(person(auth), claimId, body);
  }

  /** Re-attaches a span (say, an orphan) to a selection of the latest text. */
  @Patch('claims/:claimId/spans/:spanId')
  reattach(
    @Auth() auth: AuthContext,
    @Param('claimId', UuidPipe) claimId: string,
    @Param('spanId', UuidPipe) spanId: string,
    @Body() body: ReattachDto,
  ): Promise<Claim> {
    return this.claims.reattach(person(auth), claimId, spanId, body);
  }

  @Get('claims/:claimId/history')
  history(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string): Promise<ClaimHistoryEntry[]> {
    return this.queries.history(auth.userId, claimId);
  }

  @Get('workspaces/:workspaceId/claims')
  listWorkspace(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Query() query: ClaimsQueryDto,
  ): Promise<ClaimListItem[]> {
    return this.queries.list(auth.userId, workspaceId, query);
  }

  /** "My queue": the caller's open claims, overdue first, then by priority and due date. */
  @Get('workspaces/:workspaceId/queue')
  queue(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<ClaimListItem[]> {
    return this.queries.queue(auth.userId, workspaceId);
  }

  @Get('workspaces/:workspaceId/claimants')
  claimants(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Query() query: ClaimantsQueryDto,
  ): Promise<ClaimantCount[]> {
    return this.queries.claimants(auth.userId, workspaceId, query.q);
  }
}
