import { Module } from '@nestjs/common';
import { EngineProjector } from './projector/engine-projector';

/** The projection of the engine's records into MySQL (in a workers process; WORKER_TYPES monitoring.projector). */
@Module({ providers: [EngineProjector], exports: [EngineProjector] })
export class MonitoringWorkersModule {}
