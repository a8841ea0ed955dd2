import { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OriginationWorkersModule } from '@loanflow/origination';
import { TasksWorkersModule } from '@loanflow/tasks';
import { DisbursementEntity, LedgerEntryEntity } from '@loanflow/persistence';
import type { Staff } from './api-app';
import { ExporterRecords, ofInstance } from './exporter-records';
import { TestStack } from './test-stack';
import { GOOD_INVESTIGATION, PASSING_REVIEW } from './loans';
import { modelPath } from './zeebe';

export const ORIGINATION_MODELS = [
  modelPath('approval-authority.dmn'),
  modelPath('loan-origination.bpmn'),
  modelPath('loan-servicing.bpmn'),
];

export const FORM = {
  investigation: 'loanflow:investigation-report',
  review: 'loanflow:review-opinion',
  approval: 'loanflow:approval-decision',
  contracts: 'loanflow:contract-signing',
  collateral: 'loanflow:collateral-registration',
  disbursementCheck: 'loanflow:disbursement-check',
} as const;

/** The simulated bureau knows this applicant: a clean record (see SIMULATED_BUREAU_PROFILES). */
export const CLEAN_APPLICANT = {
  name: '张伟 Zhang Wei',
  idNumber: '33010619900101123X',
  birthDate: '1990-01-01',
  phone: '13800138000',
  employer: '杭州某科技有限公司',
  monthlyIncome: '60000.00',
  monthlyDebtPayments: '1200.00',
};

export const GUARANTOR = {
  name: '张丽 Zhang Li',
  idNumber: '330106198502022346',
  phone: '13900139000',
  monthlyIncome: '20000.00',
  relation: 'sibling',
};

const BASE_DOCUMENTS = ['id-card', 'income-proof', 'credit-authorization', 'purpose-evidence'];

/** A consumer credit loan from the Xihu sub-branch, complete and acceptable. */
export function creditApplication(overrides: Record<string, unknown> = {}) {
  return {
    applicant: CLEAN_APPLICANT,
    product: 'consumer',
    amount: '200000.00',
    termMonths: 36,
    purpose: 'home renovation: contract with 杭州某装饰公司',
    guaranteeType: 'credit',
    payment: {
      method: 'entrusted',
      payeeName: '杭州某装饰工程有限公司',
      payeeAccount: '6222020200112233445',
    },
    documents: BASE_DOCUMENTS,
    ...overrides,
  };
}

export function guarantorApplication(overrides: Record<string, unknown> = {}) {
  return creditApplication({
    guaranteeType: 'guarantor',
    guarantors: [GUARANTOR],
    documents: [...BASE_DOCUMENTS, 'guarantor-id-card', 'guarantor-income-proof'],
    ...overrides,
  });
}

export function mortgageApplication(overrides: Record<string, unknown> = {}) {
  return creditApplication({
    product: 'housing',
    amount: '1500000.00',
    termMonths: 240,
    purpose: 'first home: 杭州市西湖区文三路 100 号 2 幢 501 室',
    guaranteeType: 'mortgage',
    collateral: [
      {
        kind: 'property',
        description: '杭州市西湖区文三路 100 号 2 幢 501 室, 98 m²',
        ownerName: CLEAN_APPLICANT.name,
        ownerIdNumber: CLEAN_APPLICANT.idNumber,
        appraisedValue: '3200000.00',
      },
    ],
    payment: {
      method: 'entrusted',
      payeeName: '王某 (seller)',
      payeeAccount: '6217000010002223334',
    },
    documents: [
      ...BASE_DOCUMENTS,
      'house-purchase-contract',
      'down-payment-receipt',
      'collateral-ownership-certificate',
      'collateral-valuation-report',
    ],
    ...overrides,
  });
}

export function approvalOf(amount: string, termMonths: number, annualRate = '0.0435') {
  return {
    decision: 'approve',
    amount,
    termMonths,
    annualRate,
    reasons: 'stable income, low DTI, purpose verified',
  };
}

export const RELEASE = {
  decision: 'release',
  contractsInForce: true,
  collateralRegistered: true,
  paymentMethodAllowed: true,
};

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function contractsFor(loanId: string, guarantorIds: string[] = [], secured = false) {
  const suffix = loanId.slice(-6);
  return {
    loanContractNo: `HT-${suffix}-L`,
    borrowerSigned: true,
    signedOn: today(),
    guaranteeContracts: guarantorIds.map((id, i) => ({
      guarantorIdNumber: id,
      contractNo: `HT-${suffix}-G${i + 1}`,
    })),
    ...(secured && { collateralContractNo: `HT-${suffix}-M` }),
  };
}

export const REGISTRATION = {
  certificateNo: '浙(2026)杭州市不动产证明第0123456号',
  registryOffice: '杭州市不动产登记中心',
  registeredOn: today(),
  certificateHandedOver: true,
};

/** Staff working one loan's tasks through the API, as the demo users. */
export class LoanDesk {
  constructor(
    readonly staff: Staff,
    readonly loanId: string,
  ) {}

  async complete(username: string, form: string, answer: object) {
    const task = await this.staff.waitForTask(username, this.loanId, form, 20_000);
    return this.staff.post(username, `/api/tasks/${task.id}/complete`, { answer });
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
    30_000,
  );
  return ended.value.elementId as string;
}

/** An application taken by a customer manager through the API; anything but 201 fails the spec. */
export async function applyAs(staff: Staff, body: object, username = 'li.cm') {
  const response = await staff.post(username, '/api/applications', body);
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

/** The origination models, the inbox and origination workers (plus any others) and the API. */
export function openOriginationStack(...moreWorkers: Type[]): Promise<TestStack> {
  return TestStack.open({
    models: ORIGINATION_MODELS,
    workers: [TasksWorkersModule, OriginationWorkersModule, ...moreWorkers],
    api: true,
  });
}
