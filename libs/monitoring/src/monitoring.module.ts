import { Module } from '@nestjs/common';
import { IdentityModule } from '@loanflow/identity';
import { IncidentFix } from './monitor/incident-fix';
import { DecisionEvaluationsController } from './decisions/decision-evaluations.controller';
import { FiguresController } from './figures/figures.controller';
import { FiguresService } from './figures/figures.service';
import { MonitorController } from './monitor/monitor.controller';
import { MonitorService } from './monitor/monitor.service';
import { PortfolioSnapshots } from './figures/portfolio-snapshots';
import { EngineProjector } from './projector/engine-projector';

/** The projection of the engine's records into MySQL (in a workers process; WORKER_TYPES monitoring.projector). */
@Module({
  providers: [EngineProjector, FiguresService, PortfolioSnapshots],
  exports: [EngineProjector, PortfolioSnapshots],
})
export class MonitoringWorkersModule {}

/** What managers read: process instances, incidents, SLA and portfolio figures (in the api process). */
@Module({
  imports: [IdentityModule],
  controllers: [FiguresController, MonitorController, DecisionEvaluationsController],
  providers: [MonitorService, FiguresService, IncidentFix],
})
export class MonitoringApiModule {}
