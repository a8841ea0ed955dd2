import { IsBoolean, IsIn, IsString, Length, ValidateBy, ValidateIf } from 'class-validator';
import { DomainError } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';

/** 放款审核: the disbursement supervisor releases the loan or returns the file for correction. */
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
