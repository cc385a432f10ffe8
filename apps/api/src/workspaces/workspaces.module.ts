import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { InvitesController } from './invites.controller';
import { InvitesService } from './invites.service';
import { MemberLookupLimiterService } from './member-lookup-limiter.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

/** Workspaces, their members and invites, and the access check every feature uses. */
@Global()
@Module({
  controllers: [WorkspacesController, MembersController, InvitesController],
  providers: [AccessService, WorkspacesService, MembersService, InvitesService, MemberLookupLimiterService],
  exports: [AccessService, WorkspacesService, MembersService, InvitesService],
})
export class WorkspacesModule {}
