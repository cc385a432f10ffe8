import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Health } from '@corroborate/contracts';
import { Public } from '../auth/auth.context';
import { unavailable } from '../infra/errors/app-error';
import { ReadinessService } from './readiness.service';

/** For load balancers and orchestrators; none of these wait on the database for more than a second. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process answers (restart it when this fails). */
  @Public()
  @Get('live')
  live(): Health {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database answers and every migration has been applied (else 503). */
  @Public()
  @Get('ready')
  async ready(): Promise<Health> {
    const problem = await this.readiness.notReadyBecause();
    if (problem) throw unavailable(problem);
    return { status: 'ok' };
  }

  /** The same as `ready`, kept for existing checks. */
  @Public()
  @Get()
  check(): Promise<Health> {
    return this.ready();
  }
}
