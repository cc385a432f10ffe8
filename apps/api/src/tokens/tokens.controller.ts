import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateTokenBody, type ApiToken, type CreatedToken } from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext, RequiresScope, SessionOnly } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { TokensService } from './tokens.service';

class CreateTokenDto extends createZodDto(CreateTokenBody) {}

@ApiTags('tokens')
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** Only a session: a leaked token must not be able to mint its own replacements. */
  @Post()
  @SessionOnly('Creating API tokens')
  create(@Auth() auth: AuthContext, @Body() body: CreateTokenDto): Promise<CreatedToken> {
    return this.tokens.create(auth.userId, body);
  }

  /** A token bound to one workspace sees, and revokes, only the tokens bound to it. */
  @Get()
  list(@Auth() auth: AuthContext): Promise<ApiToken[]> {
    return this.tokens.list(auth.userId, auth.workspaceId);
  }

  @Delete(':tokenId')
  @RequiresScope('admin')
  @HttpCode(204)
  revoke(@Auth() auth: AuthContext, @Param('tokenId', UuidPipe) tokenId: string): Promise<void> {
    return this.tokens.revoke(auth.userId, tokenId, auth.workspaceId);
  }
}
