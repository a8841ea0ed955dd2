import { Inject } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsString, ValidateNested } from 'class-validator';
import { staffActor } from '@loanflow/audit';
import { LoanClass, loanPosition } from '@loanflow/domain';
import { WriteOffApproval } from '@loanflow/tasks';
import {
  JobContext,
  JobHandler,
  JobWorker,
  NonRetryableJobError,
  ZEEBE_CLIENT,
  ZeebeClient,
  publishOnce,
} from '@loanflow/workflow';
import { LegalRecords } from '../collection/legal-records';
import { RiskWarnings } from '../post-loan/risk-warnings.service';
import { InstallmentRecords } from '../workers/installment-records';
import { LOAN_WRITTEN_OFF_MESSAGE, GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { WriteOffCriteria, writeOffCriteria } from '../collection/write-off-criteria';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { WriteOffRecords } from './write-off-records';
import { servicedLoanSummaryOf, LoanRecords } from '@loanflow/loans';

/**
 * What a write-off would take off the books now (the principal still owed, and unpaid interest),
 * and whether the bank's criteria for proposing one are met on the loan's legal record.
 */
@JobWorker({
  type: SERVICING_JOB.assessLoss,
  description:
    'Assess what the legal path left unrecovered, and whether the write-off criteria are met.',
  input: ServicingStep,
  outputs: ['lossRemains', 'loss', 'writeOffCriteria'],
})
export class AssessLossWorker implements JobHandler<
  ServicingStep,
  {
    lossRemains: boolean;
    loss: { principal: string; interest: string };
    writeOffCriteria: WriteOffCriteria;
  }
> {
  constructor(
    private readonly ledgers: InstallmentRecords,
    private readonly legal: LegalRecords,
  ) {}

  async handle({ loanId, asOf }: ServicingStep) {
    const { date } = engineMoment(asOf);
    const [ledger, milestones] = await Promise.all([
      this.ledgers.ledger(loanId),
      this.legal.milestones(loanId),
    ]);
    const position = loanPosition({ ...ledger, asOf: date });
    return {
      lossRemains: !position.outstandingPrincipal.isZero(),
      loss: {
        principal: position.outstandingPrincipal.toDecimalString(),
        interest: position.overdueInterest.toDecimalString(),
      },
      writeOffCriteria: writeOffCriteria(milestones),
    };
  }
}

class WriteOffDecisionVariable extends WriteOffApproval {
  @IsString() by!: string;
}

export class WriteOffInput extends ServicingStep {
  @IsObject()
  @ValidateNested()
  @Type(() => WriteOffDecisionVariable)
  writeOffDecision!: WriteOffDecisionVariable;
}

/**
 * 核销: the principal still owed leaves the balance sheet (debit the loan-loss allowance, credit the
 * loan), unpaid interest is kept off balance sheet in the write-off record; the loan is loss and
 * written off. Once per loan, however often the job is delivered. Then servicing ends and the
 * accountability review starts (loan-written-off).
 */
@JobWorker({
  type: SERVICING_JOB.writeOff,
  onlyAt: GUARDED_AT.writeOff,
  description: 'Write the loan off once: ledger, loss classification, then loan-written-off.',
  input: WriteOffInput,
  outputs: ['writeOff'],
})
export class WriteOffWorker implements JobHandler<WriteOffInput, { writeOff: WriteOffVariable }> {
  constructor(
    private readonly register: WriteOffRecords,
    private readonly records: LoanRecords,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly warnings: RiskWarnings,
  ) {}

  async handle({ loanId, asOf, writeOffDecision }: WriteOffInput, context: JobContext) {
    if (!writeOffDecision.approved)
      throw new NonRetryableJobError(`the write-off of loan ${loanId} was not approved`);
    const { at, date } = engineMoment(asOf);
    const approver = staffActor(writeOffDecision.by, 'committee-member');
    const writeOff = await this.register.once(
      loanId,
      context.jobKey,
      async (tx): Promise<WriteOffVariable> => {
        const loan = await tx.lockLoan(loanId);
        if (!loan) throw new NonRetryableJobError(`loan ${loanId} does not exist`);
        const position = loanPosition({ ...(await tx.ledger(loanId)), asOf: date });
        const principal = position.outstandingPrincipal;
        const interest = position.overdueInterest;
        const txnId = `WO-${loanId}`;
        if (!principal.isZero())
          await tx.post({ txnId, loanId, memo: `write-off of loan ${loanId}` }, [
            {
              account: {
                code: 'ALLOWANCE:LOAN-LOSS',
                name: 'Loan-loss allowance',
                kind: 'clearing',
              },
              side: 'debit',
              amount: principal,
            },
            {
              account: { code: `LOAN:${loanId}`, name: `Loan ${loanId}`, kind: 'asset' },
              side: 'credit',
              amount: principal,
            },
          ]);
        await tx.keepWriteOff({
          loanId,
          principalMinor: principal.minorUnits.toString(),
          interestMinor: interest.minorUnits.toString(),
          approvedBy: writeOffDecision.by,
          reason: writeOffDecision.reasons.slice(0, 1000),
          txnId,
          writtenOffAt: at,
        });
        await tx.markWrittenOff(loanId);
        if (loan.classification !== 'loss')
          await tx.classify({
            loanId,
            from: loan.classification as LoanClass,
            to: 'loss',
            daysPastDue: position.daysPastDue,
            source: 'manual',
            reason: `written off on the committee's approval: ${writeOffDecision.reasons}`,
            actor: approver,
            at,
          });
        await tx.audit({
          actor: approver,
          action: 'loan.write-off',
          outcome: 'ok',
          loanKey: loanId,
          reason: `written off: principal ${principal.toDecimalString()} (${txnId}), unpaid interest ${interest.toDecimalString()} kept off balance sheet`,
        });
        return {
          principal: principal.toDecimalString(),
          interest: interest.toDecimalString(),
          approvedBy: writeOffDecision.by,
          txnId,
        };
      },
    );
    const { loan, applicant, guarantors } = await this.records.fileForJob(loanId);
    await publishOnce(this.zeebe, {
      name: LOAN_WRITTEN_OFF_MESSAGE,
      correlationKey: loanId,
      messageId: `${LOAN_WRITTEN_OFF_MESSAGE}:${loanId}`,
      timeToLive: 3_600_000,
      variables: {
        loanId,
        businessKey: loanId,
        branchCode: loan.branchCode,
        customerManager: loan.customerManager,
        loan: servicedLoanSummaryOf(loan, applicant, guarantors),
        writeOff,
      } as never,
    });
    await this.warnings.withdrawOpen(loanId, 'the loan was written off', at);
    return { writeOff };
  }
}

export interface WriteOffVariable {
  principal: string;
  interest: string;
  approvedBy: string;
  txnId: string;
}
