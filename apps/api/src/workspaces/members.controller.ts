import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AddMemberBody, UpdateMemberBody, type Member } from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext, RequiresScope } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { MembersService } from './members.service';

class AddMemberDto extends createZodDto(AddMemberBody) {}
class UpdateMemberDto extends createZodDto(UpdateMemberBody) {}

@ApiTags('members')
@Controller('workspaces/:workspaceId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  list(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<Member[]> {
    return this.members.list(auth.userId, workspaceId);
  }

  @Post()
  @RequiresScope('admin')
  add(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Body() body: AddMemberDto,
  ): Promise<Member> {
    return this.members.add(auth.userId, workspaceId, body);
  }

  @Patch(':userId')
  @RequiresScope('admin')
  update(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<Member> {
    return this.members.changeRole(auth.userId, workspaceId, userId, body.role);
  }

  @Delete(':userId')
  @RequiresScope('admin')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<void> {
    return this.members.remove(auth.userId, workspaceId, userId);
  }
}
