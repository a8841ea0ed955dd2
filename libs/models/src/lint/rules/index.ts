import type { RuleFactory } from 'bpmnlint';
import { flowNodeName } from './flow-node-name';
import { serviceTaskType } from './service-task-type';
import { timerDefinition } from './timer-definition';
import { userTaskAssignment } from './user-task-assignment';
import { userTaskForm } from './user-task-form';

export type { UserTaskFormOptions } from './user-task-form';

/** LoanFlow's own bpmnlint rules, configured as `loanflow/<name>`. */
export const loanflowRules: Readonly<Record<string, RuleFactory>> = {
  'user-task-assignment': userTaskAssignment,
  'user-task-form': userTaskForm,
  'timer-definition': timerDefinition,
  'service-task-type': serviceTaskType,
  'flow-node-name': flowNodeName,
};
