import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateEvidenceBody, ReorderEvidenceBody, UpdateEvidenceBody, type Evidence, type Source } from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { EvidenceService } from './evidence.service';
import { SourcesService } from './sources.service';

class CreateEvidenceDto extends createZodDto(CreateEvidenceBody) {}
class UpdateEvidenceDto extends createZodDto(UpdateEvidenceBody) {}
class ReorderEvidenceDto extends createZodDto(ReorderEvidenceBody) {}

const person = (auth: AuthContext) => ({ id: auth.userId, displayName: auth.displayName });

@ApiTags('evidence')
@Controller()
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly sources: SourcesService,
  ) {}

  @Post('claims/:claimId/evidence')
  async create(
    @Auth() auth: AuthContext,
    @Param('claimId', UuidPipe) claimId: string,
    @Body() body: CreateEvidenceDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Evidence> {
    const { created, evidence } = await this.evidence.create(person(auth), claimId, body);
    res.status(created ? 201 : 200);
    return evidence;
  }

  @Get('claims/:claimId/evidence')
  list(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string): Promise<Evidence[]> {
    return this.evidence.list(auth.userId, claimId);
  }

  /** The claim's evidence in a new order (every current item, once). */
  @Put('claims/:claimId/evidence/order')
  reorder(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string, @Body() body: ReorderEvidenceDto): Promise<Evidence[]> {
    return this.evidence.reorder(person(auth), claimId, body);
  }

  @Patch('evidence/:evidenceId')
  update(@Auth() auth: AuthContext, @Param('evidenceId', UuidPipe) evidenceId: string, @Body() body: UpdateEvidenceDto): Promise<Evidence> {
    return this.evidence.update(person(auth), evidenceId, body);
  }

  @Delete('evidence/:evidenceId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @Param('evidenceId', UuidPipe) evidenceId: string): Promise<void> {
    return this.evidence.remove(person(auth), evidenceId);
  }

  /** Where the workspace's evidence comes from, most cited first. */
  @Get('workspaces/:workspaceId/sources')
  listSources(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<Source[]> {
    return this.sources.list(auth.userId, workspaceId);
  }
}
