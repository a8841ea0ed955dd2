import { SYSTEM_ACTOR } from '@loanflow/audit';
import { Money, RiskGrade, Scorecard } from '@loanflow/domain';
import { BusinessClock, JobContext, JobHandler, JobWorker } from '@loanflow/workflow';
import { applicantScorecard } from '../credit/applicant-grade';
import { JOB } from '../origination.contract';
import { DecisionRecords } from './decision-records';
import { LoanRef } from './worker-inputs';
import { LoanRecords } from '@loanflow/loans';

/** The bureau's answer is read from the register (its debts are not the engine's to carry). */
export class ScoreApplicantInput extends LoanRef {}

/**
 * The application scorecard: a risk grade from the bureau report, debt-to-income (with the
 * installments on the applicant's loans with the bank), age and guarantee.
 */
@JobWorker({
  type: JOB.score,
  control: 'risk grade (评级)',
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
    private readonly register: DecisionRecords,
    private readonly clock: BusinessClock,
  ) {}

  async handle(input: ScoreApplicantInput, context: JobContext) {
    const { loan, applicant } = await this.records.withPartiesForJob(input.loanId);
    const today = await this.clock.today();
    const { scorecard } = applicantScorecard({
      loan,
      birthDate: applicant.birthDate,
      bureau: await this.records.bureauReportForJob(loan.id),
      monthlyIncome: Money.ofMinor(applicant.monthlyIncomeMinor),
      statedMonthlyDebt: Money.ofMinor(applicant.monthlyDebtMinor),
      today,
    });
    await this.register.once(JOB.score, loan.id, context.jobKey, async (tx) => {
      await tx.updateLoan(loan.id, {
        riskGrade: scorecard.grade,
        riskPoints: scorecard.points,
      });
      await tx.audit({
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
