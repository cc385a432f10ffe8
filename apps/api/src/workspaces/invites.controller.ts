import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateInviteBody,
  type AcceptedInvite,
  type CreatedInvite,
  type Invite,
  type InvitePreview,
} from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext, Public, RequiresScope, UnboundTokenOnly } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { InvitesService } from './invites.service';

class CreateInviteDto extends createZodDto(CreateInviteBody) {}

@ApiTags('invites')
@Controller()
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post('workspaces/:workspaceId/invites')
  @RequiresScope('admin')
  create(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Body() body: CreateInviteDto,
  ): Promise<CreatedInvite> {
    return this.invites.create(auth.userId, workspaceId, body);
  }

  @Get('workspaces/:workspaceId/invites')
  @RequiresScope('admin')
  list(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<Invite[]> {
    return this.invites.list(auth.userId, workspaceId);
  }

  @Delete('workspaces/:workspaceId/invites/:inviteId')
  @RequiresScope('admin')
  @HttpCode(204)
  revoke(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Param('inviteId', UuidPipe) inviteId: string,
  ): Promise<void> {
    return this.invites.revoke(auth.userId, workspaceId, inviteId);
  }

  @Public()
  @Get('invites/:token')
  preview(@Param('token') token: string): Promise<InvitePreview> {
    return this.invites.preview(token);
  }

  @Post('invites/:token/accept')
  @RequiresScope('admin')
  @UnboundTokenOnly('Joining a workspace')
  @HttpCode(200)
  accept(
    @Auth() auth: AuthContext,
    @Param('token') token: string,
  ): Promise<AcceptedInvite> {
    return this.invites.accept(auth.userId, token);
  }
}
