import type { Config } from 'bpmnlint';
import type { UserTaskFormOptions } from './rules';

/**
 * The process designers' lint: bpmnlint's recommended rules, Camunda 8.5 compatibility (the broker is
 * Zeebe 8.5.8) and LoanFlow's own rules, all of ours as errors.
 *
 * Nothing recommended or camunda-compat is turned off: none conflicts with how the shipped models in
 * bpmn/ are legitimately built (checked against each of them). In particular `no-bpmndi` stays on: a
 * model must be drawn, every element and sequence flow on its plane or its sub-process's drill-down
 * plane, or designers cannot see or edit what runs; and `label-required` stays on:
 * loanflow/flow-node-name only adds the sub-processes it skips, so nothing is reported twice.
 *
 * The form keys reach loanflow/user-task-form the way bpmnlint passes options to any rule: as the
 * second entry of the rule's value, handed to the rule factory when the Linter loads it.
 */
export function loanflowLintConfig(options: UserTaskFormOptions): Config {
  return {
    extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-5'],
    rules: {
      'loanflow/user-task-assignment': 'error',
      'loanflow/user-task-form': ['error', { formKeys: [...options.formKeys] }],
      'loanflow/timer-definition': 'error',
      'loanflow/service-task-type': 'error',
      'loanflow/flow-node-name': 'error',
    },
  };
}
