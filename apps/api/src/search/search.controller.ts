import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SearchQuery, type SearchPage } from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { SearchService } from './search.service';

class SearchQueryDto extends createZodDto(SearchQuery) {}

@ApiTags('search')
@Controller()
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  /** Articles, annotations, claims, claim comments, evidence and sources of the workspace, ranked, with snippets. */
  @Get('workspaces/:workspaceId/search')
  search(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string, @Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.searchService.search(auth.userId, workspaceId, query);
  }
}
