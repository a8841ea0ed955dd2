import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
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
        help: '系统已逐项核对放款条件（见放款条件清单）；有条件未满足时不能放款，只能退回',
        enumLabels: { release: '放款', return: '退回修改' },
      },
      {
        title: 'Decision',
        help: 'The system has checked each disbursement condition (see the checklist); with one unmet the loan can only be returned',
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
  /**
   * Release or return. Whether the loan may be released is the system's reading of the
   * disbursement conditions (contracts in force, collateral registered where there is any, the
   * payment method allowed), shown beside the form and checked again on completion
   * (`checkAgainstLoan`): the supervisor attests nothing the system knows.
   */
  @IsIn(['release', 'return'])
  decision!: 'release' | 'return';

  // Attestations older API clients still send; the system evaluates the same conditions itself, so
  // the form no longer asks for them (kept out of its schema) and they decide nothing.
  @JSONSchema({ 'x-system-evaluated': true })
  @IsOptional()
  @IsBoolean()
  contractsInForce?: boolean;
  @JSONSchema({ 'x-system-evaluated': true })
  @IsOptional()
  @IsBoolean()
  collateralRegistered?: boolean;
  @JSONSchema({ 'x-system-evaluated': true })
  @IsOptional()
  @IsBoolean()
  paymentMethodAllowed?: boolean;

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
