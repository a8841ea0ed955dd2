import { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  approvalOf,
  contractsFor,
  creditApplication,
  FORM,
  GOOD_INVESTIGATION,
  OriginationWorkersModule,
  papersOf,
  PASSING_REVIEW,
  REGISTRATION_CERTIFICATE_PAPER,
  RELEASE,
  samplePaper,
  SIGNED_CONTRACT_PAPER,
} from '@loanflow/origination';
import { TasksWorkersModule } from '@loanflow/tasks';
import { DisbursementEntity, LedgerEntryEntity } from '@loanflow/persistence';
import type { Staff } from './api-app';
import { ExporterRecords, ofInstance } from './exporter-records';
import { TestStack } from './test-stack';
import { modelPath } from './zeebe';

export const ORIGINATION_MODELS = [
  modelPath('approval-authority.dmn'),
  modelPath('loan-origination.bpmn'),
  modelPath('loan-servicing.bpmn'),
  // The day's work over the book (floors, bands, earned upgrades) that servicing leaves to it.
  modelPath('daily-book.bpmn'),
  modelPath('collection.bpmn'),
  modelPath('risk-warning.bpmn'),
  modelPath('accountability-review.bpmn'),
  modelPath('loan-restructuring.bpmn'),
  modelPath('loan-file-archive.bpmn'),
  modelPath('archive-lending.bpmn'),
];

export {
  approvalOf,
  CLEAN_APPLICANT,
  freshApplicant,
  contractsFor,
  creditApplication,
  FORM,
  GUARANTOR,
  guarantorApplication,
  mortgageApplication,
  REGISTRATION,
  RELEASE,
} from '@loanflow/origination';

/** The paper a task's completion brings to the file (uploaded just before it by LoanDesk). */
const PAPER_OF_FORM: Record<string, string> = {
  [FORM.contracts]: SIGNED_CONTRACT_PAPER,
  [FORM.collateral]: REGISTRATION_CERTIFICATE_PAPER,
};

/** Staff working one loan's tasks through the API, as the demo users. */
export class LoanDesk {
  constructor(
    readonly staff: Staff,
    readonly loanId: string,
  ) {}

  async complete(username: string, form: string, answer: object) {
    const task = await this.staff.waitForTask(username, this.loanId, form);
    // The papers a payout rests on are uploads: the signed contract with the signing, the
    // registration certificate (他项权证) with the registration.
    const paper = PAPER_OF_FORM[form];
    if (paper) await this.upload(username, paper);
    return this.staff.post(username, `/api/tasks/${task.id}/complete`, { answer });
  }

  /** Uploads a sample paper of this kind to the loan, as `username`; anything but 200 fails. */
  async upload(username: string, kind: string) {
    const paper = samplePaper(kind);
    const response = await this.staff.postMultipart(
      username,
      `/api/loans/${this.loanId}/documents`,
      { kind },
      [{ field: 'file', fileName: paper.fileName, bytes: paper.bytes }],
    );
    if (response.status !== 200 && response.status !== 201)
      throw new Error(
        `${username} could not upload ${kind}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response;
  }

  async completeOk(username: string, form: string, answer: object) {
    const response = await this.complete(username, form, answer);
    if (response.status !== 200)
      throw new Error(
        `${username} could not complete ${form}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response;
  }

  /** Investigation by li.cm and review by wang.reviewer, both recommending. */
  async throughReview() {
    await this.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    await this.completeOk('wang.reviewer', FORM.review, PASSING_REVIEW);
  }

  dossier(username = 'li.cm') {
    return this.staff.get(username, `/api/loans/${this.loanId}`);
  }
}

export async function ledgerOf(dataSource: DataSource, loanId: string) {
  const [disbursements, entries] = await Promise.all([
    dataSource.getRepository(DisbursementEntity).findBy({ loanId }),
    dataSource.getRepository(LedgerEntryEntity).find({ where: { loanId }, order: { id: 'ASC' } }),
  ]);
  return { disbursements, entries };
}

/** The end event where the instance itself ended (not one inside a sub-process), by element id. */
export async function endEventOf(
  records: ExporterRecords,
  processInstanceKey: string,
  timeoutMs = 30_000,
): Promise<string> {
  const ended = await records.waitFor(
    'PROCESS_INSTANCE',
    ofInstance(
      processInstanceKey,
      'ELEMENT_COMPLETED',
      (r) =>
        r.value.bpmnElementType === 'END_EVENT' &&
        String(r.value.flowScopeKey) === processInstanceKey,
    ),
    timeoutMs,
  );
  return ended.value.elementId as string;
}

/**
 * An application taken by a customer manager through the API with its papers: a sample file of
 * each kind the body lists in `documents` (multipart); anything but 201 fails the spec.
 */
export async function applyAs(staff: Staff, body: object, username = 'li.cm') {
  const response = await submitApplication(staff, body, username);
  if (response.status !== 201)
    throw new Error(
      `${username} could not apply: ${response.status} ${JSON.stringify(response.body)}`,
    );
  const { loanId, processInstanceKey } = response.body as {
    loanId: string;
    processInstanceKey: string;
  };
  return { desk: new LoanDesk(staff, loanId), loanId, processInstanceKey };
}

/** POST /api/applications as multipart: the application as JSON, a sample paper per declared kind. */
export function submitApplication(staff: Staff, body: object, username = 'li.cm') {
  return staff.postMultipart(
    username,
    '/api/applications',
    { application: JSON.stringify(body) },
    papersOf(body).map((paper) => ({
      field: paper.kind,
      fileName: paper.fileName,
      bytes: paper.bytes,
    })),
  );
}

/** The committee's demo members (head office). */
export const COMMITTEE = ['lu.committee', 'xu.committee', 'zheng.committee'] as const;

/**
 * A business loan of 2,500,000.00 for 60 months (above the center's 2,000,000.00) taken through
 * review and approved by the branch approver and the center, so that it goes to the committee's
 * vote. `beforeApproval` runs after the application, e.g. to declare a member's relative.
 */
export async function toCommittee(
  staff: Staff,
  applicant?: object,
  beforeApproval?: (loanId: string) => Promise<void>,
) {
  const base = creditApplication();
  const applied = await applyAs(
    staff,
    creditApplication({
      applicant: applicant ?? base.applicant,
      product: 'business',
      amount: '2500000.00',
      termMonths: 60,
      purpose: 'working capital for the applicant’s tea shop chain',
      documents: [...base.documents, 'business-license'],
    }),
  );
  await beforeApproval?.(applied.loanId);
  await applied.desk.throughReview();
  await applied.desk.completeOk('zhao.approver', FORM.approval, approvalOf('2500000.00', 60));
  await applied.desk.completeOk('chen.center', FORM.approval, approvalOf('2500000.00', 60));
  return applied;
}

/** The origination models, the inbox and origination workers (plus any others) and the API. */
export function openOriginationStack(...moreWorkers: Type[]): Promise<TestStack> {
  return TestStack.open({
    models: ORIGINATION_MODELS,
    workers: [TasksWorkersModule, OriginationWorkersModule, ...moreWorkers],
    api: true,
  });
}

/**
 * A 12-month consumer loan of 12,000.00 at 12% taken through every origination step by the demo
 * staff until it is paid out; returns its id.
 */
export async function disbursedLoan(
  stack: TestStack,
  application: { amount?: string; termMonths?: number; [field: string]: unknown } = {},
): Promise<string> {
  const terms = { amount: '12000.00', termMonths: 12, ...application };
  const applied = await applyAs(stack.staff!, creditApplication(terms));
  await applied.desk.throughReview();
  await applied.desk.completeOk(
    'zhao.approver',
    FORM.approval,
    approvalOf(terms.amount, terms.termMonths, '0.12'),
  );
  await applied.desk.completeOk('li.cm', FORM.contracts, contractsFor(applied.loanId));
  await applied.desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
  const end = await endEventOf(stack.records, applied.processInstanceKey);
  if (end !== 'Disbursed') throw new Error(`loan ${applied.loanId} ended at ${end}, not Disbursed`);
  return applied.loanId;
}
