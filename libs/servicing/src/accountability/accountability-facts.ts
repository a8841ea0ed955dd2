import { EntityManager } from 'typeorm';
import {
  AccountabilityFacts,
  AccountableDuty,
  ApprovalLevel,
  DutyAct,
  GuaranteeType,
  LoanProduct,
  requiredDocuments,
} from '@loanflow/domain';
import {
  LoanDocumentEntity,
  LoanDutyEntity,
  LoanEntity,
  LoanInspectionEntity,
  UserTaskEntity,
} from '@loanflow/persistence';

const DOSSIER_DUTIES: ReadonlySet<string> = new Set<AccountableDuty>([
  'investigation',
  'review',
  'approval',
  'mortgage-registration',
  'disbursement-check',
]);

/** The decisions of origination whose file the dossier shows, by the form that took them. */
const DECISION_FORMS: Readonly<Record<string, AccountableDuty>> = {
  'loanflow:papers-supplement': 'application',
  'loanflow:investigation-report': 'investigation',
  'loanflow:review-opinion': 'review',
  'loanflow:approval-decision': 'approval',
  'loanflow:committee-vote': 'approval',
  'loanflow:collateral-registration': 'mortgage-registration',
  'loanflow:disbursement-check': 'disbursement-check',
};

/** The duty a completed task of each form performed, for the dossier. */
const DUTY_OF_FORM: Readonly<Record<string, AccountableDuty>> = {
  'loanflow:inspection-report': 'inspection',
  'loanflow:collection-contact': 'collection',
  'loanflow:legal-action': 'legal-action',
  'loanflow:legal-milestone': 'legal-action',
  'loanflow:collateral-registration': 'mortgage-registration',
};

/**
 * Gathers what the dossier is built from, out of the record itself: the duties of origination
 * (loan_duty), every task completed on the loan (user_task), the inspections as planned and
 * reported, and the collection instances with the customer manager's contacts in days 1–30.
 */
export async function accountabilityFacts(
  manager: EntityManager,
  loan: LoanEntity,
  asOf: string,
): Promise<AccountabilityFacts> {
  const [duties, tasks, inspections, uploads] = await Promise.all([
    manager.find(LoanDutyEntity, { where: { businessKey: loan.id }, order: { id: 'ASC' } }),
    manager.find(UserTaskEntity, {
      where: { businessKey: loan.id, state: 'completed' },
      order: { endedAt: 'ASC' },
    }),
    manager.find(LoanInspectionEntity, { where: { loanId: loan.id }, order: { number: 'ASC' } }),
    manager.find(LoanDocumentEntity, {
      select: { id: true, kind: true, uploadedAt: true },
      where: { loanId: loan.id },
      order: { uploadedAt: 'ASC' },
    }),
  ]);
  const acts: DutyAct[] = [{ duty: 'application', username: loan.customerManager }];
  // The dossier names the acts that made and watched the loan; duties recorded later (a write-off
  // approval, a restructuring) are the committee's own record and kept apart from it.
  for (const duty of duties)
    if (DOSSIER_DUTIES.has(duty.duty))
      acts.push({ duty: duty.duty as AccountableDuty, username: duty.username });
  for (const task of tasks) {
    const duty = DUTY_OF_FORM[task.formKey];
    if (duty && task.completedBy) acts.push({ duty, username: task.completedBy });
  }
  const approvalTasks = tasks.filter(
    (t) => t.formKey === 'loanflow:approval-decision' && t.completedBy,
  );
  const approvals = approvalTasks.map((task, i) => {
    const step = (
      JSON.parse(task.loanSummary ?? '{}') as {
        approval?: { level: ApprovalLevel; requiredLevel: ApprovalLevel };
      }
    ).approval;
    return {
      username: task.completedBy!,
      level: step?.level ?? 'branch',
      requiredLevel: step?.requiredLevel ?? step?.level ?? 'branch',
      final: i === approvalTasks.length - 1,
    };
  });
  return {
    customerManager: loan.customerManager,
    acts,
    documents: {
      required: requiredDocuments(
        loan.product as LoanProduct,
        loan.guaranteeType as GuaranteeType,
        {
          // Someone else's collateral needed their consent, as the automatic checks found.
          thirdPartyCollateral:
            (JSON.parse(loan.creditChecksJson ?? '{}') as { thirdPartyCollateral?: boolean })
              .thirdPartyCollateral === true,
        },
      ),
      // What was uploaded by the time of the investigation, not what the application declared.
      handedIn: kindsUploadedBy(uploads, firstInvestigationAt(tasks)),
    },
    approvals,
    inspections: inspections.map((i) => ({
      number: i.number,
      dueOn: i.dueOn,
      completedOn: i.completedOn,
      inspector: i.inspector,
    })),
    episodes: collectionEpisodes(tasks, await openCollectionTasks(manager, loan.id)),
    asOf,
    decisions: tasks.flatMap((task) => {
      const duty = DECISION_FORMS[task.formKey];
      return duty && task.completedBy && task.endedAt
        ? [{ duty, username: task.completedBy, at: task.endedAt.toISOString() }]
        : [];
    }),
    uploads: uploads.map((u) => ({
      id: u.id,
      kind: u.kind,
      uploadedAt: u.uploadedAt.toISOString(),
    })),
  };
}

async function openCollectionTasks(manager: EntityManager, loanId: string) {
  return manager.find(UserTaskEntity, {
    where: { businessKey: loanId, bpmnProcessId: 'collection' },
  });
}

/** One entry per collection instance: the customer manager's contacts, and whether day 31 came. */
function collectionEpisodes(completed: UserTaskEntity[], all: UserTaskEntity[]) {
  const instances = [...new Set(all.map((t) => t.processInstanceKey))];
  return instances.map((key) => ({
    episodeId: `collection instance ${key}`,
    managerContacts: completed.filter(
      (t) => t.processInstanceKey === key && t.elementId === 'ManagerCollects',
    ).length,
    reachedDay31: all.some(
      (t) =>
        t.processInstanceKey === key &&
        ['OfficerCollects', 'OfficerKeepsCollecting'].includes(t.elementId),
    ),
  }));
}

/** When the loan's first investigation was completed, or null when none was. */
function firstInvestigationAt(tasks: UserTaskEntity[]): Date | null {
  const done = tasks
    .filter((t) => t.formKey === 'loanflow:investigation-report' && t.completedBy && t.endedAt)
    .map((t) => t.endedAt!.getTime());
  return done.length ? new Date(Math.min(...done)) : null;
}

/** The kinds uploaded up to a moment (every upload when there is none). */
function kindsUploadedBy(uploads: LoanDocumentEntity[], at: Date | null): string[] {
  const before = at ? uploads.filter((u) => u.uploadedAt.getTime() <= at.getTime()) : uploads;
  return [...new Set(before.map((u) => u.kind))];
}
