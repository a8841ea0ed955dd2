import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { CoreBanking, DisbursementOrder, DisbursementReceipt } from '@loanflow/adapters';
import { Money, ScheduledInstallment } from '@loanflow/domain';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanContractEntity, LoanPartyEntity } from '@loanflow/persistence';
import { BusinessClock, NonRetryableJobError } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { JOB } from '../origination.contract';
import { APPLICATION, FakeDecisionRecords } from './decision-records.fixture';
import { CreateScheduleWorker, DisburseWorker } from './disbursement.workers';
import { ScheduleRecords } from './schedule-records';

/** 10:00 in Beijing on 20 April 2026: the payout's value date. */
const VALUE_DATE = new Date('2026-04-20T02:00:00.000Z');

/** A credit loan of 60,000.00 approved as a counter-offer, its contract in force and on file. */
function payableLoan(
  register: FakeDecisionRecords,
  over: { answer?: string | null; check?: string | null } = {},
) {
  register.loanIn('collateral-registered', {
    guaranteeType: 'credit',
    paymentMethod: 'entrusted',
    payeeAccount: '6217001234567890555',
    payeeName: '杭州西溪家居有限公司',
    amountMinor: '6000000',
    termMonths: 36,
    annualRate: '0.0435',
    repaymentMethod: 'equal-installment',
  });
  const approval = register.approve(
    '60000.00',
    over.answer === undefined ? 'accepted' : over.answer,
  );
  approval.disbursementCheck = over.check === undefined ? 'release' : over.check;
}

function payout(register: FakeDecisionRecords, valueDate = VALUE_DATE) {
  const file = (): LoanFile => ({
    loan: register.loan()!,
    applicant: Object.assign(new LoanPartyEntity(), { role: 'applicant', name: '王芳' }),
    guarantors: [],
    collateral: [],
    contracts: [
      Object.assign(new LoanContractEntity(), { kind: 'loan', effectiveFrom: '2026-04-18' }),
    ],
    documentKinds: ['contract'],
  });
  const records = {
    fileForJob: () => Promise.resolve(file()),
    withPartiesForJob: () => Promise.resolve(file()),
    missingRecord: (_loanId: string, what: string) =>
      Promise.reject(new NonRetryableJobError(what)),
  } as unknown as LoanRecords;
  const orders: DisbursementOrder[] = [];
  const coreBanking: CoreBanking = {
    // As core banking: one payout per loan id, a second order answered with the first receipt.
    disburse: (order) => {
      orders.push(order);
      const receipt: DisbursementReceipt = {
        loanId: order.loanId,
        txnId: 'CB-000001',
        amount: order.amount,
        payeeAccount: order.payeeAccount,
        payeeName: order.payeeName,
        disbursedAt: valueDate.toISOString(),
        replayed: orders.length > 1,
      };
      return Promise.resolve(receipt);
    },
  };
  const clock = { now: () => Promise.resolve(valueDate) } as unknown as BusinessClock;
  const worker = new DisburseWorker(records, register, coreBanking, clock);
  const disburse = () =>
    worker.handle(
      { loanId: APPLICATION },
      jobContext({ type: JOB.disburse, businessKey: APPLICATION }),
    );
  return { orders, disburse };
}

describe('paying the loan out (origination.disburse, 放款)', () => {
  it('pays the approved amount once through core banking and records the loan disbursed', async () => {
    const register = new FakeDecisionRecords();
    payableLoan(register);
    const { orders, disburse } = payout(register);
    expect(await disburse()).toEqual({
      disbursement: {
        txnId: 'CB-000001',
        amount: '60000.00',
        payeeName: '杭州西溪家居有限公司',
        disbursedAt: VALUE_DATE.toISOString(),
      },
    });
    expect(orders).toEqual([
      expect.objectContaining({
        loanId: APPLICATION,
        amount: '60000.00',
        paymentMethod: 'entrusted',
        payeeAccount: '6217001234567890555',
        valueDate: VALUE_DATE,
      }),
    ]);
    expect(register.loan()).toMatchObject({ status: 'disbursed', disbursedAt: VALUE_DATE });
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'loan.disburse',
        outcome: 'ok',
        loanKey: APPLICATION,
        reason:
          '60000.00 paid by entrusted payment to 杭州西溪家居有限公司 (****0555), core banking txn CB-000001',
      },
    ]);
  });

  it('records the payout once when the job is delivered again', async () => {
    const register = new FakeDecisionRecords();
    payableLoan(register);
    const { disburse } = payout(register);
    await disburse();
    await disburse();
    expect(register.audited).toHaveLength(1);
  });

  it.each([
    [
      'terms other than the approval on record',
      (register: FakeDecisionRecords) =>
        Object.assign(register.loan()!, { amountMinor: '21600000' }),
      'the terms to pay differ from the approval on record',
    ],
    [
      'a counter-offer the applicant has not accepted',
      (register: FakeDecisionRecords) => payableLoan(register, { answer: null }),
      'has no acceptance on record (no answer); nothing is paid',
    ],
    [
      'no supervisor’s release after the approval',
      (register: FakeDecisionRecords) => payableLoan(register, { check: 'return' }),
      'no disbursement supervisor released it after the approval; nothing is paid',
    ],
    [
      'no approval on record',
      (register: FakeDecisionRecords) => register.approvals.clear(),
      'has no approval on record: nothing is paid',
    ],
  ])('pays nothing on %s', async (_case, spoil, why) => {
    const register = new FakeDecisionRecords();
    payableLoan(register);
    spoil(register);
    const { orders, disburse } = payout(register);
    await expect(disburse()).rejects.toThrow(why);
    expect(orders).toEqual([]);
    expect(register.audited).toEqual([]);
  });

  it('pays nothing while a disbursement condition is unmet: the contract not yet in force', async () => {
    const register = new FakeDecisionRecords();
    payableLoan(register);
    // The loan contract takes effect on the 18th; the payout would be on the 17th.
    const { orders, disburse } = payout(register, new Date('2026-04-17T02:00:00.000Z'));
    await expect(disburse()).rejects.toThrow(
      new NonRetryableJobError(
        `loan ${APPLICATION} may not be disbursed: the loan contract (借款合同) is not in force`,
      ),
    );
    expect(orders).toEqual([]);
    expect(register.loan()?.status).toBe('collateral-registered');
  });
});

describe('the repayment schedule (origination.create-schedule)', () => {
  class Schedules extends ScheduleRecords {
    readonly kept = new Map<string, readonly ScheduledInstallment[]>();
    keepOnce(loanId: string, installments: readonly ScheduledInstallment[]): Promise<boolean> {
      if (this.kept.has(loanId)) return Promise.resolve(false);
      this.kept.set(loanId, installments);
      return Promise.resolve(true);
    }
  }

  it('builds it from the approved terms from the payout day in Beijing, and keeps it once', async () => {
    const register = new FakeDecisionRecords();
    payableLoan(register);
    Object.assign(register.loan()!, { disbursedAt: new Date('2026-04-20T17:30:00.000Z') });
    const records = {
      fileForJob: () => Promise.resolve({ loan: register.loan() }),
      withPartiesForJob: () => Promise.resolve({ loan: register.loan() }),
    } as unknown as LoanRecords;
    const schedules = new Schedules();
    const worker = new CreateScheduleWorker(schedules, records);
    const answer = await worker.handle({ loanId: APPLICATION });
    expect(await worker.handle({ loanId: APPLICATION })).toEqual(answer);
    const kept = schedules.kept.get(APPLICATION)!;
    expect(kept).toHaveLength(36);
    // Paid out at 01:30 on the 21st in Beijing: the first installment falls due a month on.
    expect(answer.schedule).toMatchObject({
      installments: 36,
      firstDueDate: '2026-05-21',
      lastDueDate: '2029-04-21',
    });
    const principal = kept.reduce((sum, line) => sum.plus(line.principal), Money.zero());
    expect(principal.toDecimalString()).toBe('60000.00');
  });

  it('starts none for a loan not paid out', async () => {
    const register = new FakeDecisionRecords();
    payableLoan(register);
    const records = {
      fileForJob: () => Promise.resolve({ loan: register.loan() }),
      withPartiesForJob: () => Promise.resolve({ loan: register.loan() }),
    } as unknown as LoanRecords;
    await expect(
      new CreateScheduleWorker(new Schedules(), records).handle({ loanId: APPLICATION }),
    ).rejects.toThrow(
      new NonRetryableJobError(`loan ${APPLICATION} is not disbursed: no schedule can start`),
    );
  });
});
