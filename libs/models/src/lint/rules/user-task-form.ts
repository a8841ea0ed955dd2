import type { ModdleElement } from 'bpmn-moddle';
import type { Reporter, RuleDefinition } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { describe, extensionElement, isBlank, stringProperty } from './helpers';

export interface UserTaskFormOptions {
  /** The form keys the task inbox can render and check, e.g. `loanflow:review-opinion`. */
  formKeys: readonly string[];
}

/**
 * `loanflow/user-task-form`: every user task names, as zeebe:formDefinition formKey, a form the inbox
 * knows. The inbox renders the form and checks the officer's answer against it before the task is
 * completed and audited; with no form, or one it does not know, the task cannot be completed.
 *
 * Options come from the rule's configuration: `['error', { formKeys }]`.
 */
export function userTaskForm(options?: unknown): RuleDefinition {
  const formKeys = formKeysOf(options);
  const known = formKeys.length ? formKeys.join(', ') : '(none configured)';

  function check(node: ModdleElement, reporter: Reporter): void {
    if (!is(node, 'bpmn:UserTask')) return;

    const formKey = stringProperty(extensionElement(node, 'zeebe:FormDefinition'), 'formKey');
    if (isBlank(formKey)) {
      reporter.report(
        node.id,
        `${describe(node)} has no form key: give it a zeebe:formDefinition formKey the task inbox knows ` +
          `(${known}). Without it the inbox cannot show the officer the form or check the answer, so the ` +
          'task cannot be completed and the loan would stall at this step.',
      );
      return;
    }

    const key = (formKey as string).trim();
    if (!formKeys.includes(key)) {
      reporter.report(
        node.id,
        `${describe(node)} has form key "${key}", which the task inbox does not know (known: ${known}). ` +
          'The officer could not open or complete the task, so the loan would stall at this step; ' +
          'use a known key or add the form to the inbox first.',
      );
    }
  }

  return { check };
}

function formKeysOf(options: unknown): readonly string[] {
  const formKeys = (options as Partial<UserTaskFormOptions> | undefined)?.formKeys;
  if (!Array.isArray(formKeys) || !formKeys.every((key) => typeof key === 'string')) {
    throw new TypeError('loanflow/user-task-form needs options { formKeys: string[] }');
  }
  return formKeys;
}
