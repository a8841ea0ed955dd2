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
import { JSONSchema } from 'class-validator-jsonschema';
import { AMOUNT_HELP, formLabels } from './form-labels';

/** 贷前调查报告: the customer manager's investigation, with a clear opinion. */
@JSONSchema(
  formLabels<InvestigationReport>({
    interviewDone: [
      { title: '已面谈', help: '与申请人当面访谈' },
      { title: 'Interview done', help: 'Face to face with the applicant' },
    ],
    purposeVerified: [{ title: '用途已核实' }, { title: 'Purpose verified' }],
    incomeVerified: [{ title: '收入已核实' }, { title: 'Income verified' }],
    monthlyIncome: [
      { title: '月收入（元）', help: AMOUNT_HELP.zh },
      { title: 'Monthly income (yuan)', help: AMOUNT_HELP.en },
    ],
    monthlyDebtPayments: [
      { title: '月还债支出（元）', help: AMOUNT_HELP.zh },
      { title: 'Monthly debt payments (yuan)', help: AMOUNT_HELP.en },
    ],
    collateralAssessment: [{ title: '抵押物评估意见' }, { title: 'Collateral assessment' }],
    guarantorAssessment: [{ title: '保证人评估意见' }, { title: 'Guarantor assessment' }],
    opinion: [
      {
        title: '调查意见',
        help: '推荐须已面谈并核实用途和收入',
        enumLabels: { recommend: '推荐', 'do-not-recommend': '不推荐' },
      },
      {
        title: 'Opinion',
        help: 'A recommendation needs the interview, purpose and income verified',
        enumLabels: { recommend: 'Recommend', 'do-not-recommend': 'Do not recommend' },
      },
    ],
    remarks: [
      { title: '说明', help: '调查发现，至少 10 个字' },
      { title: 'Remarks', help: 'What the investigation found, at least 10 characters' },
    ],
  }),
)
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
