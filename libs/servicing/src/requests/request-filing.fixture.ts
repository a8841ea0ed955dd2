import { describe, expect, it } from '@jest/globals';
import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { Principal } from '@loanflow/identity';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import type { BusinessClock, ZeebeClient } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import {
  APPLICANT_ID_NUMBER,
  FakeLoanRequestRecords,
  GUARANTOR_ID_NUMBER,
  LOAN,
} from './loan-request-records.fixture';
import type { LoanRequestKind, LoanRequests } from './loan-request-records';

/** 10:00 in Beijing on 7 April 2026: a week before the loan's first installment falls due. */
export const NOW = new Date('2026-04-07T02:00:00.000Z');
/** 10:00 in Beijing on 20 April 2026: the first installment, due on the 15th, is unpaid. */
export const OVERDUE = new Date('2026-04-20T02:00:00.000Z');
export const INSTANCE_KEY = '2251799813699001';

export const customerManager = staffPrincipal('li.cm', ['customer-manager'], 'SB-HZ-XH');
/** A customer manager who is the loan's borrower. */
export const borrowerOnStaff: Principal = {
  ...staffPrincipal('zhang.cm', ['customer-manager'], 'SB-HZ-XH'),
  idNumber: APPLICANT_ID_NUMBER,
};
/** A customer manager whose declared relative guarantees the loan. */
export const relativeOfGuarantor: Principal = {
  ...staffPrincipal('zhou.cm', ['customer-manager'], 'SB-HZ-XH'),
  relativeIdNumbers: [GUARANTOR_ID_NUMBER],
};

/** What a service of requests on a running loan talks to besides its register, as fakes. */
export class RequestHarness {
  readonly records = new FakeLoanRequestRecords();
  /** Entries the trail recorded in transactions of their own (refusals). */
  readonly trail: AuditAct[] = [];
  /** What the broker was asked to start, and how many requests were committed at that moment. */
  readonly startedInstances: {
    bpmnProcessId: string;
    variables: Record<string, unknown>;
    onFile: number;
  }[] = [];
  /** The broker refuses to start the process with this error. */
  brokerFailure: Error | null = null;
  now = NOW;

  readonly audit = {
    record: (act: AuditAct) => Promise.resolve(void this.trail.push(act)),
  } as unknown as AuditTrail;

  readonly zeebe = {
    createProcessInstance: (request: {
      bpmnProcessId: string;
      variables: Record<string, unknown>;
    }) => {
      const { change, restructuring, prepayment } = this.records.requests;
      this.startedInstances.push({
        ...request,
        onFile: change.length + restructuring.length + prepayment.length,
      });
      if (this.brokerFailure) return Promise.reject(this.brokerFailure);
      return Promise.resolve({ processInstanceKey: INSTANCE_KEY });
    },
  } as unknown as ZeebeClient;

  readonly loans = {
    fileForJob: (loanId: string): Promise<LoanFile> => {
      const parties = this.records.parties.filter((party) => party.loanId === loanId);
      return Promise.resolve({
        loan: this.records.loans.get(loanId)!,
        applicant: parties.find((party) => party.role === 'applicant')!,
        guarantors: parties.filter((party) => party.role === 'guarantor'),
        collateral: [],
        contracts: [],
        documentKinds: [],
      });
    },
  } as unknown as LoanRecords;

  readonly clock = { now: () => Promise.resolve(this.now) } as unknown as BusinessClock;

  constructor() {
    this.records.servicedLoan();
  }
}

/** The codes of the refusals the trail recorded on their own, in order. */
export const refusedCodes = (harness: RequestHarness): string[] =>
  harness.trail
    .filter((act) => act.outcome === 'refused')
    .map((act) => (act.reason ?? '').split(':')[0] ?? '');

/** The audit action each kind of request is filed (and refused) under. */
const ACTIONS: Record<LoanRequestKind, string> = {
  change: 'loan.change-request',
  restructuring: 'loan.restructure-request',
  prepayment: 'loan.prepayment-request',
};

/** Each kind's review process, and the process variable that names the request. */
const REVIEWS: Record<LoanRequestKind, readonly [bpmnProcessId: string, idVariable: string]> = {
  change: ['change-request', 'changeRequestId'],
  restructuring: ['loan-restructuring', 'restructuringId'],
  prepayment: ['part-prepayment', 'prepaymentId'],
};

/** What a request on a loan already settled is answered (for a change: of the repayment account). */
const SETTLED_LOAN_REFUSALS: Record<LoanRequestKind, string> = {
  change: 'CHANGE_NOT_ALLOWED',
  restructuring: 'LOAN_NOT_IN_SERVICING',
  prepayment: 'LOAN_NOT_IN_SERVICING',
};

/** How a feature's spec files a request of its kind through its service. */
export interface RequestSubject<K extends LoanRequestKind> {
  /** Files a request the kind's own rules take. */
  file(harness: RequestHarness, principal: Principal, loanId?: string): Promise<{ id: string }>;
  /** A request of the kind still open on the loan, as filed earlier. */
  openRequest(harness: RequestHarness): LoanRequests[K];
}

/** The register holds nothing of a refused filing, and the broker was never asked. */
function expectNothingFiled(harness: RequestHarness, kind: LoanRequestKind, before = 0): void {
  expect(harness.records.requests[kind]).toHaveLength(before);
  expect(harness.records.duties).toEqual([]);
  expect(harness.records.audited).toEqual([]);
  expect(harness.startedInstances).toEqual([]);
}

/** A refusal audited on its own under the request's action, with its code and reason. */
const refusedEntry = (action: string, principal: Principal, code: string) =>
  expect.objectContaining({
    actor: {
      username: principal.username,
      roles: principal.roles,
      orgUnitCode: principal.orgUnitCode,
    },
    action,
    outcome: 'refused',
    loanKey: LOAN,
    reason: expect.stringMatching(new RegExp(`^${code}: `)),
  });

/** The rules every request on a running loan keeps, whatever its kind, over the fakes. */
export function describeRequestFiling<K extends LoanRequestKind>(
  kind: K,
  subject: RequestSubject<K>,
): void {
  const action = ACTIONS[kind];
  const [bpmnProcessId, idVariable] = REVIEWS[kind];
  const duty = `${kind}-request`;
  const alreadyOpenCode = `${kind.toUpperCase()}_ALREADY_OPEN`;
  const settledLoanCode = SETTLED_LOAN_REFUSALS[kind];

  describe('filing, as every request on a running loan', () => {
    it('records the request with the requester’s duty, starts its review once committed, then records the key with the audit entry', async () => {
      const harness = new RequestHarness();
      const view = await subject.file(harness, customerManager);

      expect(harness.records.stored(kind, view.id)).toMatchObject({
        loanId: LOAN,
        requestedBy: 'li.cm',
        requestedAt: NOW,
        state: 'requested',
        processInstanceKey: INSTANCE_KEY,
      });
      expect(harness.records.duties).toEqual([
        { loanId: LOAN, duty: duty, username: 'li.cm', ref: `${kind}:${view.id}` },
      ]);
      // The broker was asked once the request was committed, never inside the transaction.
      expect(harness.startedInstances).toEqual([
        {
          bpmnProcessId: bpmnProcessId,
          variables: expect.objectContaining({
            loanId: LOAN,
            businessKey: LOAN,
            [idVariable]: view.id,
            branchCode: 'SB-HZ-XH',
            customerManager: 'li.cm',
          }),
          onFile: 1,
        },
      ]);
      expect(harness.records.calls.filter((call) => !call.startsWith('tx.'))).toEqual([
        'transaction',
        'started',
      ]);
      expect(harness.records.audited).toEqual([
        expect.objectContaining({ action, outcome: 'ok', loanKey: LOAN }),
      ]);
      expect(harness.trail).toEqual([]);
    });

    it.each([
      ['the loan’s own borrower', borrowerOnStaff],
      ['a relative of a guarantor', relativeOfGuarantor],
    ])('refuses %s, auditing the refusal and recording nothing', async (_, principal) => {
      const harness = new RequestHarness();
      await expect(subject.file(harness, principal)).rejects.toMatchObject({
        code: 'CONFLICT_OF_INTEREST',
      });
      expect(harness.trail).toEqual([refusedEntry(action, principal, 'CONFLICT_OF_INTEREST')]);
      expectNothingFiled(harness, kind);
    });

    it(`answers ${settledLoanCode} for a settled loan, and audits it`, async () => {
      const harness = new RequestHarness();
      harness.records.loans.get(LOAN)!.status = 'settled';
      await expect(subject.file(harness, customerManager)).rejects.toMatchObject({
        code: settledLoanCode,
      });
      expect(refusedCodes(harness)).toEqual([settledLoanCode]);
      expectNothingFiled(harness, kind);
    });

    it('answers LOAN_NOT_FOUND for a loan the register does not hold, and audits it', async () => {
      const harness = new RequestHarness();
      await expect(
        subject.file(harness, customerManager, 'LN20260101-NOSUCH'),
      ).rejects.toMatchObject({
        code: 'LOAN_NOT_FOUND',
        message: 'There is no loan LN20260101-NOSUCH.',
      });
      expect(harness.trail).toEqual([
        expect.objectContaining({
          action,
          outcome: 'refused',
          loanKey: 'LN20260101-NOSUCH',
          reason: 'LOAN_NOT_FOUND: There is no loan LN20260101-NOSUCH.',
        }),
      ]);
      expectNothingFiled(harness, kind);
    });

    it(`answers ${alreadyOpenCode} while such a request is open (its open key is taken), and audits it`, async () => {
      const harness = new RequestHarness();
      const open = harness.records.put(kind, subject.openRequest(harness));
      await expect(subject.file(harness, customerManager)).rejects.toMatchObject({
        code: alreadyOpenCode,
      });
      expect(harness.trail).toEqual([refusedEntry(action, customerManager, alreadyOpenCode)]);
      expect(harness.records.requests[kind]).toEqual([open]);
      expectNothingFiled(harness, kind, 1);
    });

    it('withdraws the request and its duty when the broker refuses, and answers BROKER_UNAVAILABLE', async () => {
      const harness = new RequestHarness();
      harness.brokerFailure = new Error('14 UNAVAILABLE: No connection established');
      await expect(subject.file(harness, customerManager)).rejects.toMatchObject({
        code: 'BROKER_UNAVAILABLE',
        message: expect.stringContaining('14 UNAVAILABLE: No connection established'),
      });
      expect(harness.startedInstances).toHaveLength(1);
      expect(harness.records.requests[kind]).toEqual([]);
      expect(harness.records.duties).toEqual([]);
      expect(harness.records.audited).toEqual([]);
      expect(harness.records.calls).toContain('withdraw');
      expect(harness.records.calls).not.toContain('started');
    });

    it('records the instance key only together with its audit entry', async () => {
      const harness = new RequestHarness();
      harness.records.auditFailure = new Error('Lock wait timeout exceeded');
      await expect(subject.file(harness, customerManager)).rejects.toThrow(
        'Lock wait timeout exceeded',
      );
      const [row] = harness.records.requests[kind];
      expect(row?.processInstanceKey).toBeNull();
      expect(harness.records.audited).toEqual([]);
    });
  });
}
