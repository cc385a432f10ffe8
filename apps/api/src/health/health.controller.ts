import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Health } from '@corroborate/contracts';
import { Public } from '../auth/auth.context';
import { unavailable } from '../infra/errors/app-error';
import { ShutdownService } from '../infra/lifecycle/shutdown.service';
import { ReadinessService } from './readiness.service';

/** For load balancers and orchestrators; none of these wait on the database for more than a second. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly shutdown: ShutdownService,
  ) {}

  /** The process answers (restart it when this fails). */
  @Public()
  @Get('live')
  live(): Health {
    return { status: 'ok' };
  }

  /** Ready for traffic: not shutting down, the database answers and every migration has been applied (else 503). */
  @Public()
  @Get('ready')
  async ready(): Promise<Health> {
    if (this.shutdown.isDraining) throw unavailable('Shutting down');
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
