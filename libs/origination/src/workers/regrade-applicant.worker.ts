import { IsIn, IsOptional } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { Money, RISK_GRADES, RiskGrade, Scorecard } from '@loanflow/domain';
import { BusinessClock, JobContext, JobHandler, JobWorker } from '@loanflow/workflow';
import { applicantScorecard } from '../credit/applicant-grade';
import { JOB } from '../origination.contract';
import { DecisionRecords } from './decision-records';
import { LoanRef } from './worker-inputs';
import { LoanRecords } from '@loanflow/loans';

/** The bureau report and the verified figures are read from the register, by loan id. */
export class RegradeApplicantInput extends LoanRef {
  /** The grade from the application's declared figures. */
  @IsOptional() @IsIn([...RISK_GRADES]) riskGrade?: RiskGrade;
}

export interface Regrade {
  previousGrade: RiskGrade | null;
  verifiedGrade: RiskGrade;
  grade: RiskGrade;
  points: number;
  debtToIncome: string | null;
}

/** The worse of two grades: D is worse than A. */
export function worseGrade(a: RiskGrade | null | undefined, b: RiskGrade): RiskGrade {
  if (!a) return b;
  return RISK_GRADES.indexOf(a) >= RISK_GRADES.indexOf(b) ? a : b;
}

/**
 * The grade again on the income and debts the investigation verified (the declared figures only
 * served until then). The loan keeps the worse of the two grades: verification can expose risk,
 * but a customer manager's figures never buy a better grade, and so never a lower approval level.
 */
@JobWorker({
  type: JOB.regrade,
  control: 'risk grade after the investigation (评级复核)',
  description: 'Re-grade the applicant on the income and debts the investigation verified.',
  input: RegradeApplicantInput,
  outputs: ['riskGrade', 'regrade'],
})
export class RegradeApplicantWorker implements JobHandler<
  RegradeApplicantInput,
  { riskGrade: RiskGrade; regrade: Regrade }
> {
  constructor(
    private readonly records: LoanRecords,
    private readonly register: DecisionRecords,
    private readonly clock: BusinessClock,
  ) {}

  async handle(input: RegradeApplicantInput, context: JobContext) {
    const { loan, applicant } = await this.records.withPartiesForJob(input.loanId);
    const today = await this.clock.today();
    const verified = await this.records.verifiedFinancesForJob(loan.id);
    const monthlyIncome = Money.ofMinor(verified.monthlyIncomeMinor);
    const monthlyDebt = Money.ofMinor(verified.monthlyDebtMinor);
    const { scorecard, debtToIncome } = applicantScorecard({
      loan,
      birthDate: applicant.birthDate,
      bureau: await this.records.bureauReportForJob(loan.id),
      monthlyIncome,
      statedMonthlyDebt: monthlyDebt,
      today,
    });
    const previousGrade = (input.riskGrade ?? loan.riskGrade ?? null) as RiskGrade | null;
    const grade = worseGrade(previousGrade, scorecard.grade);
    const regrade: Regrade = {
      previousGrade,
      verifiedGrade: scorecard.grade,
      grade,
      points: scorecard.points,
      debtToIncome,
    };
    await this.register.once(JOB.regrade, loan.id, context.jobKey, async (tx) => {
      await tx.updateLoan(loan.id, {
        riskGrade: grade,
        ...(grade === scorecard.grade ? { riskPoints: scorecard.points } : {}),
      });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'credit.regrade',
        outcome: 'ok',
        loanKey: loan.id,
        reason: `verified income ${monthlyIncome.toDecimalString()} and debts ${monthlyDebt.toDecimalString()}: debt-to-income ${debtToIncome ?? 'n/a'}, grade ${scorecard.grade} (${scorecard.points} points); the loan's grade ${previousGrade ?? 'none'} → ${grade}: ${describe(scorecard)}`,
      });
      return true;
    });
    return { riskGrade: grade, regrade };
  }
}

function describe(scorecard: Scorecard): string {
  return scorecard.factors.map((factor) => `${factor.factor} ${factor.points}`).join(', ');
}
