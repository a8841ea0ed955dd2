import { isWithin } from './org-units';
import type { Role } from './roles';

/**
 * Who may work on a task. A model names candidate groups as `role` (anyone holding it) or
 * `role:ORG` (holders in that org unit or above it in the tree: a branch reviewer sees her
 * sub-branches' tasks), and candidate users by user name.
 */
export interface Worker {
  username: string;
  roles: readonly Role[];
  /** The worker's own org unit path, e.g. /HO/BR-HZ/. */
  orgPath: string;
}

export interface TaskAudience {
  candidateGroups: readonly string[];
  candidateUsers: readonly string[];
  assignee: string | null;
}

export interface CandidateGroup {
  role: string;
  orgCode: string | null;
}

export function parseCandidateGroup(group: string): CandidateGroup {
  const [role = '', orgCode] = group.split(':', 2);
  return { role: role.trim(), orgCode: orgCode?.trim() || null };
}

/**
 * A group `role:ORG` reaches a worker with that role whose unit is ORG or an ancestor of ORG. We
 * know the worker's path, not the task unit's, so the test is: the worker's unit code is on the
 * task unit's path. `unitPathOf` resolves an org code to its path.
 */
export function isCandidate(
  worker: Worker,
  task: TaskAudience,
  unitPathOf: (orgCode: string) => string | undefined,
): boolean {
  if (task.assignee === worker.username) return true;
  if (task.candidateUsers.includes(worker.username)) return true;
  const ownCode = lastCode(worker.orgPath);
  return task.candidateGroups.some((group) => {
    const { role, orgCode } = parseCandidateGroup(group);
    if (!worker.roles.includes(role as Role)) return false;
    if (orgCode === null) return true;
    const taskUnitPath = unitPathOf(orgCode);
    return taskUnitPath !== undefined && isWithin(taskUnitPath, ownCode);
  });
}

function lastCode(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
