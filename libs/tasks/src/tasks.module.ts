import { Module } from '@nestjs/common';
import { DecisionFactsReader } from './api/decision-facts';
import { DutyFactsReader } from './api/duty-facts';
import { TasksController } from './api/tasks.controller';
import { TasksService } from './api/tasks.service';
import { TaskDrafts } from './drafts/task-drafts';
import { TaskDraftsController } from './drafts/task-drafts.controller';
import { TaskEnding } from './inbox/task-ending';
import { TaskHoldRenewal } from './inbox/task-hold-renewal';
import { TaskIntake } from './inbox/task-intake';
import { TaskReconciler } from './inbox/task-reconciler';

/** The inbox API (in the api process). */
@Module({
  controllers: [TasksController, TaskDraftsController],
  providers: [TasksService, TaskEnding, DutyFactsReader, DecisionFactsReader, TaskDrafts],
})
export class TasksApiModule {}

/** The inbox's intake, reconciliation and hold renewal (in a workers process; WORKER_TYPES tasks.inbox). */
@Module({
  providers: [TaskIntake, TaskReconciler, TaskHoldRenewal, TaskEnding],
  exports: [TaskHoldRenewal],
})
export class TasksWorkersModule {}
