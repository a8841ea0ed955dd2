import { candidatesOf, UserTaskEntity } from '@loanflow/persistence';
import { formFor } from '../forms/form-registry';
import type { LoanSummary } from '../loan-summary';
import { LoanHeadline, TaskView } from './task.views';

export function loanOf(task: UserTaskEntity): LoanSummary | null {
  return task.loanSummary ? (JSON.parse(task.loanSummary) as LoanSummary) : null;
}

/** A task as the inbox shows it: the form's titles and the loan's headline from the task row. */
export function taskView(task: UserTaskEntity): TaskView {
  const form = formFor(task.formKey);
  return {
    id: task.id,
    type: task.formKey,
    title: form?.title ?? task.formKey,
    titleZh: form?.titleZh ?? task.formKey,
    state: task.state,
    businessKey: task.businessKey,
    processInstanceKey: task.processInstanceKey,
    bpmnProcessId: task.bpmnProcessId,
    elementId: task.elementId,
    ...candidatesOf(task),
    assignee: task.assignee,
    dueAt: task.dueAt?.toISOString() ?? null,
    followUpAt: task.followUpAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    endedAt: task.endedAt?.toISOString() ?? null,
    endReason: task.endReason,
    completedBy: task.completedBy,
    deadlineAt: task.dueAt?.toISOString() ?? null,
    deadlineKind: task.dueAt ? 'task' : null,
    loanHeadline: headlineOf(loanOf(task)),
  };
}

function headlineOf(loan: LoanSummary | null): LoanHeadline | null {
  if (!loan) return null;
  const { applicantName, product, amount, termMonths, riskGrade, branchCode } = loan;
  return {
    applicantName: applicantName ?? '',
    product,
    amount,
    termMonths,
    riskGrade: riskGrade ?? null,
    branchCode,
  };
}
