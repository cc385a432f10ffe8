import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateClaimCommentBody, UpdateClaimCommentBody, type ClaimComment } from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { ClaimCommentsService } from './claim-comments.service';

class CreateCommentDto extends createZodDto(CreateClaimCommentBody) {}
class UpdateCommentDto extends createZodDto(UpdateClaimCommentBody) {}

const person = (auth: AuthContext) => ({ id: auth.userId, displayName: auth.displayName });

@ApiTags('claim comments')
@Controller()
export class ClaimCommentsController {
  constructor(private readonly comments: ClaimCommentsService) {}

  @Post('claims/:claimId/comments')
  async create(
    @Auth() auth: AuthContext,
    @Param('claimId', UuidPipe) claimId: string,
    @Body() body: CreateCommentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClaimComment> {
    const { created, comment } = await this.comments.create(person(auth), claimId, body);
    res.status(created ? 201 : 200);
    return comment;
  }

  @Get('claims/:claimId/comments')
  list(@Auth() auth: AuthContext, @Param('claimId', UuidPipe) claimId: string): Promise<ClaimComment[]> {
    return this.comments.list(auth.userId, claimId);
  }

  @Patch('claim-comments/:commentId')
  update(@Auth() auth: AuthContext, @Param('commentId', UuidPipe) commentId: string, @Body() body: UpdateCommentDto): Promise<ClaimComment> {
    return this.comments.update(person(auth), commentId, body);
  }

  @Delete('claim-comments/:commentId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @Param('commentId', UuidPipe) commentId: string): Promise<void> {
    return this.comments.remove(person(auth), commentId);
  }
}
