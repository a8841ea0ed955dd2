import { Inject } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { CORE_BANKING, CoreBanking } from '@loanflow/adapters';
import { buildSchedule, itemAt, Money, RepaymentMethod } from '@loanflow/domain';
import type { LoanEntity } from '@loanflow/persistence';
import {
  BusinessClock,
  JobContext,
  JobHandler,
  JobWorker,
  NonRetryableJobError,
  ZEEBE_CLIENT,
  ZeebeClient,
  publishOnce,
} from '@loanflow/workflow';
import { GUARDED_AT, JOB, LOAN_DISBURSED_MESSAGE } from '../origination.contract';
import { termsMismatch } from './approved-terms';
import { disbursementConditionsOf } from './contracts.workers';
import { DecisionRecords } from './decision-records';
import { ScheduleRecords } from './schedule-records';
import { LoanRef } from './worker-inputs';
import { beijingDate, LoanRecords } from '@loanflow/loans';

export interface DisbursementVariable {
  txnId: string;
  amount: string;
  payeeName: string;
  disbursedAt: string;
}

/**
 * 放款: pays the approved amount once through core banking, which is idempotent by loan id. The
 * conditions are read again first: a payout never relies on a check made earlier by someone else.
 */
@JobWorker({
  type: JOB.disburse,
  onlyAt: GUARDED_AT.disburse,
  description: 'Disburse the approved amount once through core banking (idempotent by loan id).',
  input: LoanRef,
  outputs: ['disbursement'],
  // Sized to the handler (a few reads, one core-banking call, one commit), not to a worst case: a
  // workers process that dies mid-payout holds the job a minute at most before another takes it,
  // which is safe since core banking pays once per loan id and the effect is recorded once. A
  // real core-banking adapter must give up well inside this minute.
  timeoutMs: 60_000,
})
export class DisburseWorker implements JobHandler<LoanRef, { disbursement: DisbursementVariable }> {
  constructor(
    private readonly records: LoanRecords,
    private readonly register: DecisionRecords,
    @Inject(CORE_BANKING) private readonly coreBanking: CoreBanking,
    private readonly clock: BusinessClock,
  ) {}

  async handle({ loanId }: LoanRef, context: JobContext) {
    const file = await this.records.fileForJob(loanId);
    const { loan } = file;
    if (!loan.amountMinor || !loan.termMonths || !loan.annualRate)
      throw new NonRetryableJobError(
        `loan ${loanId} has no approved terms: it cannot be disbursed`,
      );
    await assertPayable(this.register, this.records, loanId, loan);
    const valueDate = await this.clock.now();
    const conditions = disbursementConditionsOf(file, beijingDate(valueDate));
    if (!conditions.met && loan.status !== 'disbursed')
      throw new NonRetryableJobError(
        `loan ${loanId} may not be disbursed: ${conditions.unmet.map((c) => c.reason).join('; ')}`,
      );
    const receipt = await this.coreBanking.disburse({
      loanId,
      amount: Money.ofMinor(loan.amountMinor).toDecimalString(),
      paymentMethod: loan.paymentMethod as 'entrusted' | 'self',
      payeeAccount: loan.payeeAccount!,
      payeeName: loan.payeeName!,
      jobKey: context.jobKey,
      valueDate,
    });
    if (receipt.replayed)
      context.logger.warn('loan was paid before (a re-delivered job): nothing paid now', {
        txnId: receipt.txnId,
      });
    await this.register.once(JOB.disburse, loanId, context.jobKey, async (tx) => {
      await tx.updateLoan(loanId, {
        status: 'disbursed',
        disbursedAt: new Date(receipt.disbursedAt),
      });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'loan.disburse',
        outcome: 'ok',
        loanKey: loanId,
        reason: `${receipt.amount} paid by ${loan.paymentMethod} payment to ${receipt.payeeName} (****${receipt.payeeAccount.slice(-4)}), core banking txn ${receipt.txnId}`,
      });
    });
    return {
      disbursement: {
        txnId: receipt.txnId,
        amount: receipt.amount,
        payeeName: receipt.payeeName,
        disbursedAt: receipt.disbursedAt,
      },
    };
  }
}

/**
 * What a payout rests on, as people recorded it: the final approval with exactly these terms, the
 * applicant's acceptance of a counter-offer, and the supervisor's release after the approval.
 * Anything else is an incident for an operator, never a payment; unless a completion of one of the
 * loan's tasks is still being recorded (the release commits just after the broker's yes), when the
 * job waits for it.
 */
async function assertPayable(
  register: DecisionRecords,
  records: LoanRecords,
  loanId: string,
  loan: LoanEntity,
) {
  const refused = (why: string) => records.missingRecord(loanId, why);
  const recorded = await register.recordedApproval(loanId);
  if (!recorded) return refused(`loan ${loanId} has no approval on record: nothing is paid`);
  const mismatch = termsMismatch(loan, recorded);
  if (mismatch)
    return refused(
      `loan ${loanId}: the terms to pay differ from the approval on record (${mismatch}); nothing is paid`,
    );
  if (recorded.counterOffer && recorded.offerAnswer !== 'accepted')
    return refused(
      `loan ${loanId}: the counter-offer approved by ${recorded.approval.decidedBy} has no acceptance on record (${recorded.offerAnswer ?? 'no answer'}); nothing is paid`,
    );
  if (recorded.disbursementCheck !== 'release')
    return refused(
      `loan ${loanId}: no disbursement supervisor released it after the approval; nothing is paid`,
    );
}

export interface ScheduleSummary {
  installments: number;
  firstDueDate: string;
  lastDueDate: string;
  totalInterest: string;
  totalPayment: string;
}

/** The repayment schedule from the approved terms, starting on the disbursement date (Beijing). */
@JobWorker({
  type: JOB.createSchedule,
  onlyAt: GUARDED_AT.createSchedule,
  description: 'Create and store the repayment schedule from the approved terms.',
  input: LoanRef,
  outputs: ['schedule'],
})
export class CreateScheduleWorker implements JobHandler<LoanRef, { schedule: ScheduleSummary }> {
  constructor(
    private readonly register: ScheduleRecords,
    private readonly records: LoanRecords,
  ) {}

  async handle({ loanId }: LoanRef) {
    const { loan } = await this.records.withPartiesForJob(loanId);
    if (!loan.disbursedAt || !loan.amountMinor || !loan.termMonths || !loan.annualRate)
      throw new NonRetryableJobError(`loan ${loanId} is not disbursed: no schedule can start`);
    const schedule = buildSchedule({
      principal: Money.ofMinor(loan.amountMinor),
      annualRate: loan.annualRate,
      termMonths: loan.termMonths,
      method: loan.repaymentMethod as RepaymentMethod,
      startDate: beijingDate(loan.disbursedAt),
    });
    // Stored by an earlier delivery of this job when it is not stored now: the same terms give
    // the same schedule.
    await this.register.keepOnce(loanId, schedule.installments);
    const lines = schedule.installments;
    return {
      schedule: {
        installments: lines.length,
        firstDueDate: itemAt(lines, 0, 'the schedule').dueDate,
        lastDueDate: itemAt(lines, -1, 'the schedule').dueDate,
        totalInterest: schedule.totalInterest.toDecimalString(),
        totalPayment: schedule.totalPayment.toDecimalString(),
      },
    };
  }
}

/**
 * Hands the loan to post-loan servicing: the loan-disbursed message starts its servicing instance.
 * Zeebe starts at most one instance per correlation key while one is active, and the message id
 * makes a re-published message a duplicate the broker drops.
 */
@JobWorker({
  type: JOB.startServicing,
  description: 'Start the loan’s servicing process (publishes loan-disbursed).',
  input: LoanRef,
})
export class StartServicingWorker implements JobHandler<LoanRef, void> {
  constructor(
    private readonly records: LoanRecords,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async handle({ loanId }: LoanRef, context: JobContext): Promise<void> {
    const { loan } = await this.records.withPartiesForJob(loanId);
    const outcome = await publishOnce(this.zeebe, {
      name: LOAN_DISBURSED_MESSAGE,
      correlationKey: loanId,
      messageId: `${LOAN_DISBURSED_MESSAGE}:${loanId}`,
      timeToLive: 3_600_000,
      variables: {
        loanId,
        businessKey: loanId,
        customerManager: loan.customerManager,
        branchCode: loan.branchCode,
        termMonths: loan.termMonths ?? loan.requestedTermMonths,
      },
    });
    if (outcome === 'already-published')
      context.logger.info('loan-disbursed was published before: servicing already started');
  }
}
