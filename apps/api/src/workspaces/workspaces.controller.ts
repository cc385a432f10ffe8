import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateWorkspaceBody, type Workspace } from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext, RequiresScope, UnboundTokenOnly } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { WorkspacesService } from './workspaces.service';

class CreateWorkspaceDto extends createZodDto(CreateWorkspaceBody) {}

@ApiTags('workspaces')
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @RequiresScope('admin')
  @UnboundTokenOnly('Creating a workspace')
  async create(
    @Auth() auth: AuthContext,
    @Body() body: CreateWorkspaceDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Workspace> {
    const { created, workspace } = await this.workspaces.create(auth.userId, body);
    res.status(created ? 201 : 200);
    return workspace;
  }

  @Get()
  list(@Auth() auth: AuthContext): Promise<Workspace[]> {
    return this.workspaces.listFor(auth.userId, auth.workspaceId);
  }

  @Get(':workspaceId')
  get(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<Workspace> {
    return this.workspaces.get(auth.userId, workspaceId);
  }
}
