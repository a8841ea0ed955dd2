import { Module } from '@nestjs/common';
import { IdentityModule } from '@loanflow/identity';
import { ModelsApiModule } from '@loanflow/models';
import { BatchOperations } from './operations/batch-operations';
import { InstanceModifications } from './operations/instance-modifications';
import { OperationsController } from './operations/operations.controller';
import { IncidentFix } from './monitor/incident-fix';
import {
  DecisionEvaluationsController,
  DecisionVersionsController,
} from './decisions/decision-evaluations.controller';
import { DecisionEvaluations } from './decisions/decision-evaluations';
import { FiguresController } from './figures/figures.controller';
import { FiguresQueries, SqlFiguresQueries } from './figures/figures.queries';
import { FiguresService } from './figures/figures.service';
import { ServicedBook } from './figures/serviced-book';
import { MonitorController } from './monitor/monitor.controller';
import { MonitorService } from './monitor/monitor.service';
import { MonitorReads, SqlMonitorReads } from './monitor/monitor-reads';
import { PortfolioSnapshots } from './figures/portfolio-snapshots';
import { EngineProjector } from './projector/engine-projector';
import { ProjectionStore, SqlProjectionStore } from './projector/projection-store';
import { FigureThresholds } from './thresholds/figure-thresholds.service';
import { ThresholdEvaluation } from './thresholds/threshold-evaluation';
import { ThresholdsController } from './thresholds/thresholds.controller';
import {
  BatchOperationRecords,
  SqlBatchOperationRecords,
} from './operations/batch-operation-records';
import {
  InstanceModificationRecords,
  SqlInstanceModificationRecords,
} from './operations/instance-modification-records';
import { SqlThresholdRecords, ThresholdRecords } from './thresholds/threshold-records';
import {
  SqlThresholdCrossingRecords,
  ThresholdCrossingRecords,
} from './thresholds/threshold-crossing-records';
import { EvaluateThresholdsWorker, PORTFOLIO_THRESHOLD_EVALUATOR } from '@loanflow/servicing';

/** The projection of the engine's records into MySQL (in a workers process; WORKER_TYPES monitoring.projector). */
@Module({
  providers: [
    { provide: ProjectionStore, useClass: SqlProjectionStore },
    EngineProjector,
    { provide: FiguresQueries, useClass: SqlFiguresQueries },
    FiguresService,
    ServicedBook,
    PortfolioSnapshots,
    { provide: ThresholdRecords, useClass: SqlThresholdRecords },
    FigureThresholds,
    { provide: ThresholdCrossingRecords, useClass: SqlThresholdCrossingRecords },
    ThresholdEvaluation,
    { provide: PORTFOLIO_THRESHOLD_EVALUATOR, useExisting: ThresholdEvaluation },
    EvaluateThresholdsWorker,
  ],
  exports: [EngineProjector, PortfolioSnapshots],
})
export class MonitoringWorkersModule {}

/** What managers read: process instances, incidents, SLA and portfolio figures (in the api process). */
@Module({
  imports: [IdentityModule, ModelsApiModule],
  controllers: [
    FiguresController,
    MonitorController,
    DecisionEvaluationsController,
    ThresholdsController,
    DecisionVersionsController,
    OperationsController,
  ],
  providers: [
    { provide: MonitorReads, useClass: SqlMonitorReads },
    MonitorService,
    { provide: FiguresQueries, useClass: SqlFiguresQueries },
    FiguresService,
    ServicedBook,
    IncidentFix,
    { provide: ThresholdRecords, useClass: SqlThresholdRecords },
    FigureThresholds,
    { provide: ThresholdCrossingRecords, useClass: SqlThresholdCrossingRecords },
    ThresholdEvaluation,
    { provide: InstanceModificationRecords, useClass: SqlInstanceModificationRecords },
    InstanceModifications,
    { provide: BatchOperationRecords, useClass: SqlBatchOperationRecords },
    BatchOperations,
    DecisionEvaluations,
  ],
})
export class MonitoringApiModule {}
