import { Inject } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsString, ValidateNested } from 'class-validator';
import { AuditActor, staffActor } from '@loanflow/audit';
import { AppliedAmount, DomainError, Money, PartPrepaymentRules } from '@loanflow/domain';
import { AppConfig } from '@loanflow/config';
import type { LedgerAccountRef } from '@loanflow/adapters';
import type { LoanPrepaymentEntity } from '@loanflow/persistence';
import { PrepaymentReview } from '@loanflow/tasks';
import {
  JobHandler,
  JobWorker,
  NonRetryableJobError,
  publishOnce,
  ZEEBE_CLIENT,
  ZeebeClient,
} from '@loanflow/workflow';
import { ACCOUNTS } from '../repayments/loan-accounts';
import { GUARDED_AT, SCHEDULE_REVISED_MESSAGE, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { judgePrepayment, prepaymentRules } from './prepayment-rules';
import {
  DecisionTransaction,
  LoanRequestDecisionRecords,
  Posting,
  RevisedInstallment,
} from '../requests/request-decision-records';

/** A part prepayment's fee (违约金) is income of its own, apart from interest. */
const FEE_INCOME: LedgerAccountRef = {
  code: 'INCOME:PREPAYMENT-FEE',
  name: 'Prepayment fee income',
  kind: 'clearing',
};

class ReviewVariable extends PrepaymentReview {
  @IsString() by!: string;
}

export class PrepaymentStepInput extends ServicingStep {
  @IsString() prepaymentId!: string;
  @IsObject() @ValidateNested() @Type(() => ReviewVariable) prepaymentReview!: ReviewVariable;
}

/**
 * Posts a part prepayment the reviewer passed, in one transaction under the loan's lock: judged
 * again on the engine's day (the loan may have fallen behind, or a due date passed), the replaced
 * installments copied to the history, the prepayment written as an installment of its own and
 * paid by a repayment row (principal and accrued interest), the revised installments after it,
 * the money posted to the balanced ledger (clearing → receivable, interest income, fee income).
 * Then servicing is told to look for its next installment again. A second delivery finds the
 * request posted and only tells servicing again (the message id makes that a no-op).
 */
@JobWorker({
  type: SERVICING_JOB.postPrepayment,
  onlyAt: GUARDED_AT.postPrepayment,
  description: 'Post an approved part prepayment: ledger, revised schedule, tell servicing.',
  input: PrepaymentStepInput,
  outputs: ['prepaymentPosted'],
})
export class PostPrepaymentWorker implements JobHandler<
  PrepaymentStepInput,
  { prepaymentPosted: boolean }
> {
  private readonly rules: PartPrepaymentRules;

  constructor(
    private readonly register: LoanRequestDecisionRecords,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    config: AppConfig,
  ) {
    this.rules = prepaymentRules(config);
  }

  async handle({ loanId, prepaymentId, prepaymentReview, asOf }: PrepaymentStepInput) {
    const { at, date } = engineMoment(asOf);
    const reviewer = staffActor(prepaymentReview.by, 'reviewer');
    const posted = await this.register.transaction(async (tx) => {
      const loan = await tx.lockLoan(loanId);
      const row = await tx.request('prepayment', prepaymentId, loanId);
      if (!loan || !row)
        throw new NonRetryableJobError(
          `prepayment ${prepaymentId} of loan ${loanId} does not exist`,
        );
      if (row.state !== 'requested') return row.state === 'posted'; // an earlier delivery
      const amount = Money.ofMinor(row.amountMinor).toDecimalString();
      let quote;
      try {
        quote = await judgePrepayment(tx, loan, amount, date, this.rules);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const rule = (error.details as { rule?: string }).rule ?? error.code;
        await close(tx, row, `refused on ${date}: ${rule}: ${error.message}`, reviewer, at);
        return false;
      }
      const revised = quote.options[row.option];
      const ref = `prepayment:${row.id}`;
      let balance = quote.outstandingPrincipal;
      const installments: RevisedInstallment[] = [revised.prepayment, ...revised.installments].map(
        (installment) => {
          balance = balance.minus(installment.principal);
          return { ...installment, balance };
        },
      );
      await tx.replaceInstallments(loanId, revised.replaced, installments, {
        ref,
        at,
      });
      const lines: AppliedAmount[] = [
        { category: 'interest' as const, amount: quote.accruedInterest },
        { category: 'principal' as const, amount: quote.principalReduction },
      ]
        .filter((line) => !line.amount.isZero())
        .map((line) => ({ ...line, installmentNumber: revised.prepayment.number, paidOn: date }));
      await tx.applyToInstallments(loanId, lines);
      const txnId = `PREPAY-${row.id}`;
      const applied = quote.principalReduction.plus(quote.accruedInterest);
      const repaymentId = await tx.insertRepayment({
        loanId,
        idempotencyKey: ref,
        amountMinor: applied.minorUnits.toString(),
        paidAt: at,
        channel: row.channel,
        kind: 'part-prepayment',
        state: 'applied',
        allocationJson: JSON.stringify(lines),
        unappliedMinor: '0',
        txnId,
        recordedBy: row.requestedBy,
        confirmedBy: reviewer.username,
        confirmedAt: at,
        // Servicing is told by schedule-revised below, not by the repayment outbox.
        publishedAt: at,
      });
      const postings: Posting[] = [
        { account: ACCOUNTS.repaymentClearing, side: 'debit', amount: quote.total },
        { account: ACCOUNTS.receivable(loanId), side: 'credit', amount: quote.principalReduction },
        { account: ACCOUNTS.interestIncome, side: 'credit', amount: quote.accruedInterest },
        { account: FEE_INCOME, side: 'credit', amount: quote.fee },
      ];
      await tx.post(
        { txnId, loanId, memo: `part prepayment ${row.id} of loan ${loanId}` },
        postings.filter((posting) => !posting.amount.isZero()),
      );
      const summary =
        `part prepayment posted on ${date}: principal ${quote.principalReduction.toDecimalString()}, ` +
        `interest ${quote.accruedInterest.toDecimalString()}, fee ${quote.fee.toDecimalString()}; ` +
        `${row.option}: ${revised.installments.length} installments left, ` +
        `${revised.levelPayment.toDecimalString()} a month to ${revised.maturity}`;
      await tx.update('prepayment', row.id, {
        state: 'posted',
        openKey: null,
        decidedBy: reviewer.username,
        outcome: summary,
        closedAt: at,
        postedOn: date,
        interestMinor: quote.accruedInterest.minorUnits.toString(),
        feeMinor: quote.fee.minorUnits.toString(),
        repaymentId,
        txnId,
      });
      await tx.audit({
        actor: reviewer,
        action: 'loan.part-prepayment',
        outcome: 'ok',
        loanKey: loanId,
        reason: summary,
      });
      return true;
    });
    if (posted)
      await publishOnce(this.zeebe, {
        name: SCHEDULE_REVISED_MESSAGE,
        correlationKey: loanId,
        messageId: `${SCHEDULE_REVISED_MESSAGE}:prepayment:${prepaymentId}`,
        // Caught when servicing next waits for an installment (it may be checking one right now).
        timeToLive: 3_600_000,
        variables: { prepaymentId },
      });
    return { prepaymentPosted: posted };
  }
}

async function close(
  tx: DecisionTransaction,
  row: LoanPrepaymentEntity,
  outcome: string,
  actor: AuditActor,
  at: Date,
): Promise<void> {
  await tx.update('prepayment', row.id, {
    state: 'refused',
    openKey: null,
    decidedBy: actor.username,
    outcome: outcome.slice(0, 2000),
    closedAt: at,
  });
  await tx.audit({
    actor,
    action: 'loan.prepayment-refused',
    outcome: 'refused',
    loanKey: row.loanId,
    reason: outcome,
  });
}

/** A request the reviewer rejected: closed with the grounds, the schedule untouched. */
@JobWorker({
  type: SERVICING_JOB.closePrepayment,
  description: 'Record a part prepayment request as refused, with the grounds.',
  input: PrepaymentStepInput,
})
export class ClosePrepaymentWorker implements JobHandler<PrepaymentStepInput, void> {
  constructor(private readonly register: LoanRequestDecisionRecords) {}

  async handle({ loanId, prepaymentId, prepaymentReview, asOf }: PrepaymentStepInput) {
    const { at } = engineMoment(asOf);
    await this.register.transaction(async (tx) => {
      const row = await tx.request('prepayment', prepaymentId, loanId);
      if (!row) throw new NonRetryableJobError(`prepayment ${prepaymentId} does not exist`);
      if (row.state !== 'requested') return;
      await close(
        tx,
        row,
        `rejected at review: ${prepaymentReview.opinion}`,
        staffActor(prepaymentReview.by, 'reviewer'),
        at,
      );
    });
  }
}
