import { EntityManager } from 'typeorm';
import { TaskDraftEntity } from '@loanflow/persistence';

/** A task that ends (completed, cancelled, escalated away) takes its draft with it, in the same transaction. */
export async function dropDraft(manager: EntityManager, taskId: string): Promise<void> {
  await manager.delete(TaskDraftEntity, { taskId });
}
