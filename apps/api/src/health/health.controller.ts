import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Health } from '@corroborate/contracts';
import { Public } from '../auth/auth.context';
import { PrismaService } from '../infra/database/prisma.service';
import { AppError } from '../infra/errors/app-error';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /** Ok once the database answers and every migration has been applied. */
  @Public()
  @Get()
  async check(): Promise<Health> {
    try {
      const [row] = await this.prisma.$queryRaw<{ pending: number }[]>`
        SELECT count(*)::int AS pending FROM _prisma_migrations WHERE finished_at IS NULL`;
      if (row && row.pending === 0) return { status: 'ok' };
    } catch {
      // Falls through to the 503 below.
    }
    throw new AppError('UNAVAILABLE', 'Database is not ready');
  }
}
