import { Global, Module } from '@nestjs/common';
import { WorkerPool } from './worker-pool';

/** One worker pool per process, for every feature. */
@Global()
@Module({ providers: [WorkerPool], exports: [WorkerPool] })
export class WorkersModule {}
