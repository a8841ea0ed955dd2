import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
} from 'class-validator';
import { DECIMAL_AMOUNT } from '../loan-summary';
import { debtToIncome } from './decimal';
import type { FormDefinition } from './form-definition';

/** 贷前调查报告: the customer manager's investigation, with a clear opinion. */
export class InvestigationReport {
  /** Face-to-face interview with the applicant (面谈). */
  @IsBoolean() interviewDone!: boolean;
  @IsBoolean() purposeVerified!: boolean;
  @IsBoolean() incomeVerified!: boolean;
  @Matches(DECIMAL_AMOUNT, { message: 'monthlyIncome must be a decimal amount such as 18000.00' })
  monthlyIncome!: string;
  @Matches(DECIMAL_AMOUNT, {
    message: 'monthlyDebtPayments must be a decimal amount such as 3500.00',
  })
  monthlyDebtPayments!: string;
  @IsOptional() @IsString() @Length(1, 2000) collateralAssessment?: string;
  @IsOptional() @IsString() @Length(1, 2000) guarantorAssessment?: string;
  @IsIn(['recommend', 'do-not-recommend'])
  @ValidateBy({
    name: 'recommendationNeedsChecks',
    validator: {
      // A recommendation needs the interview, the purpose and the income verified.
      validate: (opinion, args) => {
        const report = args?.object as InvestigationReport;
        return (
          opinion !== 'recommend' ||
          (report.interviewDone && report.purposeVerified && report.incomeVerified) === true
        );
      },
      defaultMessage: () =>
        'opinion recommend needs interviewDone, purposeVerified and incomeVerified all true',
    },
  })
  opinion!: 'recommend' | 'do-not-recommend';
  @IsString()
  @Length(10, 4000, {
    message: 'remarks must say, in at least 10 characters, what the investigation found',
  })
  remarks!: string;
}

export const INVESTIGATION_REPORT: FormDefinition<InvestigationReport> = {
  key: 'loanflow:investigation-report',
  title: 'Pre-loan investigation report',
  titleZh: '贷前调查报告',
  duty: 'investigation',
  dto: InvestigationReport,
  outputs: ['investigation', 'investigationOpinion'],
  toVariables: (answer, completedBy) => ({
    investigation: {
      interviewDone: answer.interviewDone,
      purposeVerified: answer.purposeVerified,
      incomeVerified: answer.incomeVerified,
      monthlyIncome: answer.monthlyIncome,
      monthlyDebtPayments: answer.monthlyDebtPayments,
      debtToIncome: debtToIncome(answer.monthlyDebtPayments, answer.monthlyIncome),
      collateralAssessment: answer.collateralAssessment ?? null,
      guarantorAssessment: answer.guarantorAssessment ?? null,
      opinion: answer.opinion,
      remarks: answer.remarks,
      by: completedBy,
    },
    investigationOpinion: answer.opinion,
  }),
  summary: (answer) => `investigation opinion: ${answer.opinion}`,
};
