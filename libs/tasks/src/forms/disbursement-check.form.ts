import { IsBoolean, IsIn, IsString, Length, ValidateBy, ValidateIf } from 'class-validator';
import { DomainError } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/** 放款审核: the disbursement supervisor releases the loan or returns the file for correction. */
@JSONSchema(
  formLabels<DisbursementCheck>({
    decision: [
      {
        title: '审核结论',
        help: '放款须三项均已确认',
        enumLabels: { release: '放款', return: '退回修改' },
      },
      {
        title: 'Decision',
        help: 'Releasing needs all three confirmed',
        enumLabels: { release: 'Release', return: 'Return for correction' },
      },
    ],
    contractsInForce: [
      { title: '借款及担保合同已生效' },
      { title: 'Loan and guarantee contracts in force' },
    ],
    collateralRegistered: [
      { title: '抵质押已登记', help: '无抵质押的贷款也勾选' },
      { title: 'Collateral registered', help: 'Tick also for a loan without collateral' },
    ],
    paymentMethodAllowed: [
      { title: '支付方式合规', help: '受托支付或自主支付符合规定' },
      { title: 'Payment method allowed', help: 'Entrusted or self payment within the rules' },
    ],
    remarks: [
      { title: '说明', help: '退回时必填：需更正的内容，至少 5 个字' },
      {
        title: 'Remarks',
        help: 'Required when returning: what must be corrected, at least 5 characters',
      },
    ],
  }),
)
export class DisbursementCheck {
  @IsIn(['release', 'return'])
  @ValidateBy({
    name: 'releaseNeedsConfirmations',
    validator: {
      // Never disburse before the loan and collateral contracts take effect: a release confirms it.
      validate: (decision, args) => {
        const check = args?.object as DisbursementCheck;
        return (
          decision !== 'release' ||
          (check.contractsInForce && check.collateralRegistered && check.paymentMethodAllowed) ===
            true
        );
      },
      defaultMessage: () =>
        'decision release needs contractsInForce, collateralRegistered and paymentMethodAllowed all true',
    },
  })
  decision!: 'release' | 'return';

  @IsBoolean() contractsInForce!: boolean;
  /** True also for a loan without collateral: nothing is left to register. */
  @IsBoolean() collateralRegistered!: boolean;
  @IsBoolean() paymentMethodAllowed!: boolean;

  @ValidateIf((c: DisbursementCheck) => c.decision === 'return' || c.remarks !== undefined)
  @IsString()
  @Length(5, 2000, {
    message: 'remarks must say in at least 5 characters what has to be corrected',
  })
  remarks?: string;
}

export const DISBURSEMENT_CHECK: FormDefinition<DisbursementCheck> = {
  key: 'loanflow:disbursement-check',
  title: 'Disbursement check',
  titleZh: '放款审核',
  duty: 'disbursement-check',
  dto: DisbursementCheck,
  outputs: ['disbursementCheck'],
  toVariables: (answer, completedBy) => ({
    disbursementCheck: { ...answer, by: completedBy },
  }),
  summary: (answer) =>
    answer.decision === 'release' ? 'released for disbursement' : `returned: ${answer.remarks}`,
  decision: (answer) => ({
    kind: 'disbursement-check',
    outcome: answer.decision,
    reasons: answer.remarks ?? null,
  }),
  checkAgainstLoan: (answer, loan) => {
    const conditions = loan?.disbursementConditions;
    if (answer.decision !== 'release' || !conditions || conditions.met) return null;
    return new DomainError(
      'DISBURSEMENT_CONDITIONS_NOT_MET',
      `The loan may not be released: ${conditions.unmet.map((c) => c.reason).join('; ')}.`,
      { unmet: conditions.unmet },
    );
  },
};
