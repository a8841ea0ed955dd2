import { Module } from '@nestjs/common';
import { AdaptersModule } from '@loanflow/adapters';
import { DirectoryModule } from '@loanflow/identity';
import { DecisionFactsReader } from './api/decision-facts';
import { DutyFactsReader } from './api/duty-facts';
import { TasksController } from './api/tasks.controller';
import { TasksService } from './api/tasks.service';
import { TaskQueries } from './api/task-queries';
import { SqlTaskDraftRecords, TaskDraftRecords } from './drafts/task-draft-records';
import { TaskDrafts } from './drafts/task-drafts';
import { TaskDraftsController } from './drafts/task-drafts.controller';
import { CompletionOutbox } from './completion/completion-outbox';
import { CompletionRecorder } from './completion/completion-recorder';
import { CompletionSweeper } from './completion/completion-sweeper';
import { CompletionsInFlight } from './completion/completions-in-flight';
import { ConsistencyCheck } from './completion/consistency-check';
import { ConsistencyController } from './completion/consistency.controller';
import { TaskEnding } from './inbox/task-ending';
import { TaskHoldRenewal } from './inbox/task-hold-renewal';
import { TaskIntake } from './inbox/task-intake';
import { TaskReconciler } from './inbox/task-reconciler';
import { AbsenceRecords } from './staffing/absence-records';
import { AbsenceRouting } from './staffing/absence-routing';
import { AbsenceSweep } from './staffing/absence-sweep';
import { AbsencesController } from './staffing/absences.controller';
import { AbsencesService } from './staffing/absences.service';
import { HandoversController } from './staffing/handovers.controller';
import { HandoverRecords } from './staffing/handover-records';
import { HandoversService } from './staffing/handovers.service';
import { SqlAbsenceRecords } from './staffing/sql-absence-records';
import { SqlHandoverRecords } from './staffing/sql-handover-records';
import {
  SqlTaskAssignmentRecords,
  TaskAssignmentRecords,
} from './staffing/task-assignment-records';
import { TaskAssignments } from './staffing/task-assignments';
import { TaskRouting } from './staffing/task-routing';
import { TaskArrivals } from './inbox/task-arrivals';
import { WaitingTaskList } from './api/waiting-task-list';

/** The inbox API (in the api process). */
@Module({
  imports: [AdaptersModule],
  controllers: [
    TasksController,
    TaskDraftsController,
    AbsencesController,
    HandoversController,
    ConsistencyController,
  ],
  providers: [
    TasksService,
    TaskQueries,
    TaskArrivals,
    WaitingTaskList,
    TaskEnding,
    CompletionRecorder,
    CompletionOutbox,
    ConsistencyCheck,
    DutyFactsReader,
    DecisionFactsReader,
    { provide: TaskDraftRecords, useClass: SqlTaskDraftRecords },
    TaskDrafts,
    { provide: TaskAssignmentRecords, useClass: SqlTaskAssignmentRecords },
    TaskAssignments,
    AbsenceRouting,
    AbsencesService,
    HandoversService,
    { provide: AbsenceRecords, useClass: SqlAbsenceRecords },
    { provide: HandoverRecords, useClass: SqlHandoverRecords },
  ],
})
export class TasksApiModule {}

/** The inbox's intake, reconciliation and hold renewal (in a workers process; WORKER_TYPES tasks.inbox). */
@Module({
  imports: [DirectoryModule, AdaptersModule],
  providers: [
    TaskIntake,
    TaskArrivals,
    TaskReconciler,
    TaskHoldRenewal,
    TaskEnding,
    CompletionRecorder,
    CompletionOutbox,
    CompletionSweeper,
    // Every job on a loan waits here while a person's completion on that loan is being committed.
    CompletionsInFlight,
    ConsistencyCheck,
    DutyFactsReader,
    { provide: TaskAssignmentRecords, useClass: SqlTaskAssignmentRecords },
    TaskAssignments,
    { provide: AbsenceRecords, useClass: SqlAbsenceRecords },
    AbsenceRouting,
    { provide: HandoverRecords, useClass: SqlHandoverRecords },
    TaskRouting,
    AbsenceSweep,
  ],
  exports: [TaskHoldRenewal, AbsenceSweep, CompletionSweeper, CompletionOutbox],
})
export class TasksWorkersModule {}
