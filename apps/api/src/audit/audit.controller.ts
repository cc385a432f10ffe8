import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditQuery, type AuditPage } from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { AccessService } from '../workspaces/access.service';
import { AuditService } from './audit.service';

class AuditQueryDto extends createZodDto(AuditQuery) {}

@ApiTags('audit')
@Controller('workspaces/:workspaceId/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  @Get()
  async list(
    @Auth() auth: AuthContext,
    @Param('workspaceId', UuidPipe) workspaceId: string,
    @Query() query: AuditQueryDto,
  ): Promise<AuditPage> {
    await this.access.require(auth.userId, workspaceId, 'readAudit');
    const { actorId, kind, articleId } = query;
    return this.audit.page(workspaceId, query.limit, query.before ? BigInt(query.before) : undefined, { actorId, kind, articleId });
  }
}
