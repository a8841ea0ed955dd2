import type { LoanProduct } from '@loanflow/domain';

/**
 * Annual rates used to estimate the new loan's installment in the debt-to-income ratio before the
 * approver sets the real rate. Configuration, not pricing: a deployment sets its own.
 */
export const REFERENCE_ANNUAL_RATES: Readonly<Record<LoanProduct, string>> = {
  consumer: '0.0435',
  housing: '0.0350',
  business: '0.0400',
};
