import { Inject } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import { Money } from '@loanflow/domain';
import { JobContext, JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { termsMismatch } from './approved-terms';
import { DecisionRecords } from './decision-records';
import { JOB } from '../origination.contract';
import { CreditDecisionVariable, LoanRef, LoanTermsVariable } from './worker-inputs';
import { LoanRecords } from '@loanflow/loans';

export class NotifyDecisionInput extends LoanRef {
  @IsObject()
  @ValidateNested()
  @Type(() => CreditDecisionVariable)
  creditDecision!: CreditDecisionVariable;
  @IsObject() @ValidateNested() @Type(() => LoanTermsVariable) loan!: LoanTermsVariable;
  @IsOptional() @IsIn(['branch', 'center', 'committee']) requiredApprovalLevel?: string;
}

const OUTCOME_TEXT: Record<CreditDecisionVariable['outcome'], string> = {
  approved: '已批准 approved',
  rejected: '未获批准 not approved',
  declined: '未予推荐 not taken forward',
  refused: '不予受理 not accepted',
};

/**
 * 通知客户: records the credit decision on the loan and tells the applicant, once. The notice
 * ends the 3-working-day clock; a re-delivered job neither records nor sends it twice.
 */
@JobWorker({
  type: JOB.notifyDecision,
  description: 'Record the credit decision and send the applicant the decision notice.',
  input: NotifyDecisionInput,
})
export class NotifyDecisionWorker implements JobHandler<NotifyDecisionInput, void> {
  constructor(
    private readonly records: LoanRecords,
    private readonly register: DecisionRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle(input: NotifyDecisionInput, context: JobContext): Promise<void> {
    const { loan, applicant } = await this.records.withPartiesForJob(input.loanId);
    const decision = input.creditDecision;
    const approved = decision.outcome === 'approved';
    const recorded = approved ? await this.approvalOnRecord(input) : null;
    const terms = recorded
      ? `${recorded.amount.toDecimalString()} yuan over ${recorded.termMonths} months at ${recorded.annualRate} a year${recorded.counterOffer ? ' (a counter-offer: please confirm it with your customer manager)' : ''}`
      : null;
    const receipt = await this.notifier.send({
      dedupeKey: `decision-notice:${loan.id}`,
      loanId: loan.id,
      channel: 'sms',
      recipient: applicant.phone,
      kind: `decision-${decision.outcome}`,
      subject: `贷款申请结果 Loan decision ${loan.id}: ${OUTCOME_TEXT[decision.outcome]}`,
      body: approved
        ? `Dear ${applicant.name}, your loan application ${loan.id} is approved: ${terms}. Your customer manager will contact you to sign the contracts.`
        : `Dear ${applicant.name}, your loan application ${loan.id} was ${OUTCOME_TEXT[decision.outcome]}: ${decision.reasons ?? ''}`,
    });
    await this.register.once(JOB.notifyDecision, loan.id, context.jobKey, async (tx) => {
      await tx.updateLoan(loan.id, {
        status: decision.outcome,
        decisionOutcome: decision.outcome,
        decisionStage: decision.stage,
        decisionReasons: decision.reasons ?? null,
        decidedAt: new Date(receipt.sentAt),
        noticeSentAt: new Date(receipt.sentAt),
        requiredApprovalLevel: input.requiredApprovalLevel ?? loan.requiredApprovalLevel,
        ...(recorded && {
          amountMinor: recorded.amount.minorUnits.toString(),
          termMonths: recorded.termMonths,
          annualRate: recorded.annualRate,
        }),
      });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'decision.notice',
        outcome: 'ok',
        loanKey: loan.id,
        reason: `${decision.outcome} at ${decision.stage}${decision.level ? ` (${decision.level} level)` : ''}${terms ? `: ${terms}` : decision.reasons ? `: ${decision.reasons}` : ''}; notice sent to ${applicant.phone.slice(0, 3)}****${applicant.phone.slice(-4)}`,
      });
    });
  }

  /**
   * The loan's terms come from the approval as its approver recorded it; a process that carries
   * other terms (a model edited to change them) stops here as an incident.
   */
  private async approvalOnRecord(input: NotifyDecisionInput) {
    const recorded = await this.register.recordedApproval(input.loanId);
    if (!recorded)
      throw new NonRetryableJobError(
        `loan ${input.loanId} is approved in its process but no approval is on record`,
      );
    const carried = {
      amountMinor: Money.parse(input.loan.amount).minorUnits.toString(),
      termMonths: input.loan.termMonths,
      annualRate: input.loan.annualRate ?? null,
    };
    const mismatch = termsMismatch(carried, recorded);
    if (mismatch)
      throw new NonRetryableJobError(
        `loan ${input.loanId}: the process carries other terms than the approval on record (${mismatch})`,
      );
    return recorded;
  }
}
