import { LoanProduct } from '../authority/approval-authority';
import { Money } from '../money/money';
import { GUARANTEE_TYPES, GuaranteeType } from './guarantee-types';

/** The products the bank offers, in the order its forms list them. */
export const LOAN_PRODUCTS: readonly LoanProduct[] = ['consumer', 'housing', 'business'];

export const LOAN_PRODUCT_NAMES: Record<LoanProduct, string> = {
  consumer: 'personal consumer loan (个人消费贷款)',
  housing: 'personal housing loan (个人住房贷款)',
  business: 'personal business loan (个人经营贷款)',
};

/** The bank's rules for one product at application intake and disbursement. */
export interface ProductPolicy {
  product: LoanProduct;
  /** Amount bounds, both inclusive. */
  minAmount: Money;
  maxAmount: Money;
  /** Term bounds in months, both inclusive. */
  minTermMonths: number;
  maxTermMonths: number;
  /** The borrower's age in full years (周岁) on the maturity date may not exceed this. */
  maxAgeAtMaturity: number;
  allowedGuaranteeTypes: readonly GuaranteeType[];
  /**
   * The largest amount that may be paid to the borrower's own account (自主支付); above it, or
   * when null, funds go only to the borrower's counterparty (受托支付, entrusted payment), so the
   * bank can see that they reach the stated purpose.
   */
  selfPaymentCeiling: Money | null;
  /** Days after disbursement by which the first post-loan inspection (首次跟踪检查) is due. */
  firstInspectionDays: number;
}

const yuan = (amount: string) => Money.parse(amount);

/**
 * The bank's default policy, a starting point that a deployment may tighten. A housing loan is
 * always secured by the home bought (mortgage) and is always paid to the seller. A business loan
 * is checked first and soonest after disbursement because its funds are the easiest to divert.
 */
export const DEFAULT_PRODUCT_POLICIES: Readonly<Record<LoanProduct, ProductPolicy>> = {
  consumer: {
    product: 'consumer',
    minAmount: yuan('1000.00'),
    maxAmount: yuan('1000000.00'),
    minTermMonths: 1,
    maxTermMonths: 60, // a consumer loan is at most 5 years
    maxAgeAtMaturity: 60,
    allowedGuaranteeTypes: GUARANTEE_TYPES,
    selfPaymentCeiling: yuan('300000.00'),
    firstInspectionDays: 30,
  },
  housing: {
    product: 'housing',
    minAmount: yuan('10000.00'),
    maxAmount: yuan('10000000.00'),
    minTermMonths: 12,
    maxTermMonths: 360,
    maxAgeAtMaturity: 70,
    allowedGuaranteeTypes: ['mortgage'],
    selfPaymentCeiling: null,
    firstInspectionDays: 90,
  },
  business: {
    product: 'business',
    minAmount: yuan('10000.00'),
    maxAmount: yuan('5000000.00'),
    minTermMonths: 1,
    maxTermMonths: 60,
    maxAgeAtMaturity: 65,
    allowedGuaranteeTypes: GUARANTEE_TYPES,
    selfPaymentCeiling: yuan('500000.00'),
    firstInspectionDays: 15,
  },
};
