import { IsObject, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import {
  ageOn,
  buildSchedule,
  debtToIncomeRatio,
  GuaranteeType,
  LoanProduct,
  Money,
  RepaymentMethod,
  RiskGrade,
  Scorecard,
  scoreApplication,
} from '@loanflow/domain';
import { IdempotencyService } from '@loanflow/persistence';
import { BusinessClock, JobContext, JobHandler, JobWorker } from '@loanflow/workflow';
import { LoanRecords } from '../loan-records';
import { JOB } from '../origination.contract';
import { REFERENCE_ANNUAL_RATES } from '../reference-rates';
import { BureauReportVariable, LoanRef } from './worker-inputs';

export class ScoreApplicantInput extends LoanRef {
  @IsObject() @ValidateNested() @Type(() => BureauReportVariable) bureau!: BureauReportVariable;
}

/** The application scorecard: a risk grade from the bureau report, debt-to-income, age and guarantee. */
@JobWorker({
  type: JOB.score,
  description: 'Score the applicant with the application scorecard and give a risk grade A-D.',
  input: ScoreApplicantInput,
  outputs: ['riskGrade', 'scorecard'],
})
export class ScoreApplicantWorker implements JobHandler<
  ScoreApplicantInput,
  { riskGrade: RiskGrade; scorecard: Scorecard }
> {
  constructor(
    private readonly records: LoanRecords,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditTrail,
    private readonly clock: BusinessClock,
  ) {}

  async handle(input: ScoreApplicantInput, context: JobContext) {
    const { loan, applicant } = await this.records.fileForJob(input.loanId);
    const product = loan.product as LoanProduct;
    const today = await this.clock.today();
    const firstInstallment = buildSchedule({
      principal: Money.ofMinor(loan.requestedAmountMinor),
      annualRate: REFERENCE_ANNUAL_RATES[product],
      termMonths: loan.requestedTermMonths,
      method: loan.repaymentMethod as RepaymentMethod,
      startDate: today,
    }).installments[0].payment;
    // The larger of what the applicant declared and what the bureau knows: undeclared debt counts.
    const declared = Money.ofMinor(applicant.monthlyDebtMinor);
    const reported = Money.parse(input.bureau.monthlyDebtPayments);
    const scorecard = scoreApplication({
      bureauScore: input.bureau.score,
      overdueAccounts: input.bureau.overdueAccounts,
      maxDaysOverdue: input.bureau.maxDaysOverdue,
      inquiriesLast6Months: input.bureau.inquiriesLast6Months,
      debtToIncome: debtToIncomeRatio({
        monthlyIncome: Money.ofMinor(applicant.monthlyIncomeMinor),
        existingMonthlyDebtPayments: declared.compare(reported) >= 0 ? declared : reported,
        newLoanFirstInstallment: firstInstallment,
      }),
      age: ageOn(applicant.birthDate, today),
      guaranteeType: loan.guaranteeType as GuaranteeType,
    });
    await this.idempotency.once(JOB.score, loan.id, context.jobKey, async (manager) => {
      await this.records.update(manager, loan.id, {
        riskGrade: scorecard.grade,
        riskPoints: scorecard.points,
      });
      await this.audit.append(manager, {
        actor: SYSTEM_ACTOR,
        action: 'credit.score',
        outcome: 'ok',
        loanKey: loan.id,
        reason: `grade ${scorecard.grade} (${scorecard.points} points): ${scorecard.factors
          .map((factor) => `${factor.factor} ${factor.points}`)
          .join(', ')}`,
      });
      return true;
    });
    return { riskGrade: scorecard.grade, scorecard };
  }
}
