import { EntityManager } from 'typeorm';
import { candidatesOf, UserTaskCandidateEntity, UserTaskEntity } from '@loanflow/persistence';
import { candidateKeys } from './user-task-headers';

type OpenTask = Pick<
  UserTaskEntity,
  'id' | 'formKey' | 'dueAt' | 'createdAt' | 'candidateGroups' | 'candidateUsers' | 'branchCode'
>;

/** Puts an unassigned open task in the inbox of everyone its candidate groups and users reach. */
export async function offerToCandidates(manager: EntityManager, task: OpenTask): Promise<void> {
  const keys = candidateKeys(candidatesOf(task));
  if (keys.length === 0) return;
  await manager.insert(
    UserTaskCandidateEntity,
    keys.map((groupKey) => ({
      taskId: task.id,
      groupKey,
      formKey: task.formKey,
      dueAt: task.dueAt,
      createdAt: task.createdAt,
      branchCode: task.branchCode,
    })),
  );
}

/** Takes a task out of every candidate's inbox (claimed, completed or ended). */
export async function withdrawFromCandidates(
  manager: EntityManager,
  taskId: string,
): Promise<void> {
  await manager.delete(UserTaskCandidateEntity, { taskId });
}
