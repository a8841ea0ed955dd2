import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
} from 'class-validator';
import type { FieldProblem } from '@loanflow/domain';
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
    guarantorsVerified: [
      {
        title: '保证人资格和保证能力已核实',
        help: '有保证人时，推荐须核实其身份、收入、负债和担保意愿',
      },
      {
        title: 'Guarantors’ eligibility and capacity verified',
        help: 'With guarantors, a recommendation needs their identity, income, debts and willingness verified',
      },
    ],
    guarantorAssessment: [
      { title: '保证人评估意见', help: '有保证人时推荐须填写，至少 10 个字' },
      {
        title: 'Guarantor assessment',
        help: 'Required to recommend a loan with guarantors, at least 10 characters',
      },
    ],
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
  /** With guarantors: their identity, income, debts and willingness to guarantee verified (保证人核实). */
  @IsOptional() @IsBoolean() guarantorsVerified?: boolean;
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
  verifiedFinances: (answer) => ({
    monthlyIncome: answer.monthlyIncome,
    monthlyDebtPayments: answer.monthlyDebtPayments,
  }),
  toVariables: (answer, completedBy) => ({
    investigation: {
      interviewDone: answer.interviewDone,
      purposeVerified: answer.purposeVerified,
      incomeVerified: answer.incomeVerified,
      // The ratio the gateways and the review need; the amounts stay in the register.
      debtToIncome: debtToIncome(answer.monthlyDebtPayments, answer.monthlyIncome),
      collateralAssessment: answer.collateralAssessment ?? null,
      guarantorsVerified: answer.guarantorsVerified ?? null,
      guarantorAssessment: answer.guarantorAssessment ?? null,
      opinion: answer.opinion,
      remarks: answer.remarks,
      by: completedBy,
    },
    investigationOpinion: answer.opinion,
  }),
  summary: (answer) =>
    `investigation opinion: ${answer.opinion}` +
    (answer.guarantorAssessment ? `; guarantors: ${answer.guarantorAssessment}` : ''),
  context: ['creditChecks'],
  // A loan with guarantors is recommended only with the guarantors verified and assessed.
  checkDecision: (answer, _facts, loan) => {
    if (answer.opinion !== 'recommend' || !loan?.guarantorCount) return [];
    const problems: FieldProblem[] = [];
    if (answer.guarantorsVerified !== true)
      problems.push({
        field: 'guarantorsVerified',
        reason:
          'a recommendation of a loan with guarantors requires their eligibility and capacity verified (保证人资格和保证能力)',
      });
    if ((answer.guarantorAssessment ?? '').trim().length < 10)
      problems.push({
        field: 'guarantorAssessment',
        reason:
          'a recommendation of a loan with guarantors requires the assessment of each guarantor in at least 10 characters',
      });
    return problems;
  },
};
