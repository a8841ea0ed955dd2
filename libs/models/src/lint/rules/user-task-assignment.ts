import type { ModdleElement } from 'bpmn-moddle';
import type { Reporter, RuleDefinition } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { describe, extensionElement, isBlank, stringProperty } from './helpers';

const WHO = ['candidateGroups', 'candidateUsers', 'assignee'] as const;

/**
 * `loanflow/user-task-assignment`: every user task names who may work on it. The inbox hands a task
 * only to its assignee or to holders of a candidate group (`role` or `role:ORG`); a task with neither
 * reaches no one, so the loan stalls there and no officer is accountable for the step.
 */
export function userTaskAssignment(): RuleDefinition {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!is(node, 'bpmn:UserTask')) return;

    const assignment = extensionElement(node, 'zeebe:AssignmentDefinition');
    if (WHO.some((attribute) => !isBlank(stringProperty(assignment, attribute)))) return;

    reporter.report(
      node.id,
      `${describe(node)} has no role: give it candidate groups such as =["reviewer:" + loan.branchCode] ` +
        "or an assignee (zeebe:assignmentDefinition). Without one the task reaches no officer's inbox, " +
        'so the loan would stall at this step with no one accountable for it.',
    );
  }

  return { check };
}
