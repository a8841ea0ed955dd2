import type { ModdleElement } from 'bpmn-moddle';
import type { Reporter, RuleDefinition } from 'bpmnlint';
import { is, isAny } from 'bpmnlint-utils';
import { describe } from './helpers';

const NAMED = ['bpmn:Task', 'bpmn:Event', 'bpmn:SubProcess'];

/**
 * Whether bpmnlint's recommended `label-required` (kept on) already reports this node when unnamed.
 * It checks every bpmn:FlowNode except sub-processes (including transactions and ad-hoc
 * sub-processes), parallel and event-based gateways and joining gateways (bpmnlint 11.14.1,
 * rules/label-required.js). Of tasks, events and sub-processes, that leaves sub-processes to us.
 */
function coveredByLabelRequired(node: ModdleElement): boolean {
  return is(node, 'bpmn:FlowNode') && !is(node, 'bpmn:SubProcess');
}

/**
 * `loanflow/flow-node-name`: tasks, events and sub-processes carry a name, so the task inbox, the
 * loan's stage and the audit trail can tell officers and auditors which step of the loan this is.
 * Reports only what `label-required` does not, so no element is reported twice.
 */
export function flowNodeName(): RuleDefinition {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!isAny(node, NAMED) || coveredByLabelRequired(node)) return;
    if ((node.name ?? '').trim()) return;

    reporter.report(
      node.id,
      `${describe(node)} has no name: name it after the stage of the loan it stands for (such as ` +
        '"Credit decision 授信决策"), so officers, auditors and the loan\'s stage can say where a loan is.',
    );
  }

  return { check };
}
