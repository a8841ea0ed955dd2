import type { ModdleElement } from 'bpmn-moddle';
import type { Reporter, RuleDefinition } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { describe, extensionElement, isBlank, stringProperty } from './helpers';

/**
 * `loanflow/service-task-type`: every task a job worker serves has a zeebe:taskDefinition with a job
 * type. That is each service and send task, a business rule task not calling a DMN decision
 * (zeebe:calledDecision), and a script task without a FEEL script (zeebe:script).
 */
export function serviceTaskType(): RuleDefinition {
  function check(node: ModdleElement, reporter: Reporter): void {
    const alternative = servedOtherwise(node);
    if (alternative === undefined) return;

    const type = stringProperty(extensionElement(node, 'zeebe:TaskDefinition'), 'type');
    if (!isBlank(type)) return;

    reporter.report(
      node.id,
      `${describe(node)} has no job type${alternative}: give it a zeebe:taskDefinition type such as ` +
        'loan.disburse, served by a LoanFlow worker. Zeebe rejects the model without one, and a step no ' +
        'worker serves would leave the loan waiting there.',
    );
  }

  return { check };
}

/**
 * For a job-based task: '' or the engine-side alternative it also lacks (for the message);
 * undefined when the node is not job-based.
 */
function servedOtherwise(node: ModdleElement): string | undefined {
  if (is(node, 'bpmn:ServiceTask') || is(node, 'bpmn:SendTask')) return '';
  if (is(node, 'bpmn:BusinessRuleTask')) {
    return extensionElement(node, 'zeebe:CalledDecision')
      ? undefined
      : ' and calls no decision (zeebe:calledDecision)';
  }
  if (is(node, 'bpmn:ScriptTask')) {
    return extensionElement(node, 'zeebe:Script')
      ? undefined
      : ' and no FEEL script (zeebe:script)';
  }
  return undefined;
}
