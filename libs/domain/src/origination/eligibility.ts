import { LoanProduct } from '../authority/approval-authority';
import { ageOn } from '../applicant/id-number';
import { addMonthsClamped, formatIsoDate, parseIsoDate } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { GUARANTEE_TYPE_NAMES, GuaranteeType, isSecuredByCollateral } from './guarantee-types';
import { ProductPolicy } from './product-policy';
import { CollateralCover, percent } from './collateral-cover';
import { ExposureRefusal } from './existing-exposure';
import { GuarantorAssessment } from './guarantor-eligibility';
import { describeDocument, DocumentKind, missingDocuments } from './required-documents';

/** What intake knows about an application when it decides whether to accept it (受理). */
export interface ApplicationFacts {
  /** YYYY-MM-DD, as read from the applicant's ID number. */
  applicantBirthDate: string;
  product: LoanProduct;
  amount: Money;
  termMonths: number;
  purpose: string;
  guaranteeType: GuaranteeType;
  guarantorCount: number;
  collateralCount: number;
  /**
   * Document kinds uploaded to the loan (loan_document), never the kinds an application declares:
   * a paper counts once its file is on record.
   */
  documentsProvided: readonly string[];
  /** Some collateral belongs to someone other than the applicant: their consent is required. */
  thirdPartyCollateral?: boolean;
}

/** The credit-risk findings of the automatic checks, each judged by its own rule. */
export interface CreditRiskFindings {
  /** Mortgage or pledge: the loan-to-value against the limit. */
  collateralCover?: CollateralCover | null;
  guarantors?: readonly GuarantorAssessment[];
  exposure?: readonly ExposureRefusal[];
}

export type EligibilityRefusalCode =
  | 'CIVIL_CAPACITY'
  | 'CREDIT_WARNING_LIST'
  | 'DOCUMENTS_MISSING'
  | 'AMOUNT_OUT_OF_BOUNDS'
  | 'TERM_OUT_OF_BOUNDS'
  | 'GUARANTEE_NOT_ALLOWED'
  | 'GUARANTOR_MISSING'
  | 'COLLATERAL_MISSING'
  | 'PURPOSE_MISSING'
  | 'COLLATERAL_COVER'
  | 'GUARANTOR_CIVIL_CAPACITY'
  | 'GUARANTOR_WARNING_LIST'
  | 'GUARANTOR_BUREAU_GRADE'
  | 'GUARANTOR_CAPACITY'
  | 'EXISTING_LOAN_OVERDUE';

export interface EligibilityRefusal {
  code: EligibilityRefusalCode;
  reason: string;
}

export interface EligibilityResult {
  eligible: boolean;
  refusals: EligibilityRefusal[];
  /** Required document kinds with no file uploaded (the papers the customer manager must add). */
  missingDocuments: string[];
  /**
   * The only thing wrong is papers not yet uploaded: intake waits for them (补充材料) instead of
   * refusing. With any other reason the application is refused at once, every reason given.
   */
  onlyPapersMissing: boolean;
}

/** Full civil capacity (完全民事行为能力) for lending purposes: the bank lends to adults only. */
export const MINIMUM_BORROWER_AGE = 18;

/**
 * Whether the bank may accept the application, with every reason it may not: a customer
 * manager fixes a file in one round rather than one refusal at a time.
 *
 * The age at maturity is the borrower's age in full years (周岁) on the day the term ends,
 * counted from `today`; "at most 60" lets a borrower of 60 years and some months repay the last
 * installment, not one who has turned 61.
 */
export function checkEligibility(
  application: ApplicationFacts,
  policy: ProductPolicy,
  today: string,
  onWarningList: boolean,
  findings: CreditRiskFindings = {},
): EligibilityResult {
  if (policy.product !== application.product) {
    throw new DomainError(
      'POLICY_PRODUCT_MISMATCH',
      `the ${policy.product} policy cannot judge a ${application.product} application`,
    );
  }
  const missing = missingDocuments(
    application.product,
    application.guaranteeType,
    application.documentsProvided,
    { thirdPartyCollateral: application.thirdPartyCollateral === true },
  );
  const refusals: EligibilityRefusal[] = [
    ...civilCapacity(application, policy, today),
    ...warningList(onWarningList),
    ...amountBounds(application, policy),
    ...termBounds(application, policy),
    ...guarantee(application, policy),
    ...purpose(application),
    ...documents(missing),
    ...creditRisk(application, findings),
  ];
  return {
    eligible: refusals.length === 0,
    refusals,
    missingDocuments: missing,
    onlyPapersMissing:
      refusals.length > 0 && refusals.every((refusal) => refusal.code === 'DOCUMENTS_MISSING'),
  };
}

function civilCapacity(
  { applicantBirthDate, termMonths }: ApplicationFacts,
  policy: ProductPolicy,
  today: string,
): EligibilityRefusal[] {
  const start = parseIsoDate(today);
  if (!start) {
    throw new DomainError(
      'DATE_INVALID',
      `today must be a date in YYYY-MM-DD form, got "${today}"`,
      {
        field: 'today',
      },
    );
  }
  const age = ageOn(applicantBirthDate, today);
  if (age < MINIMUM_BORROWER_AGE) {
    return [
      refusal(
        'CIVIL_CAPACITY',
        `the applicant is ${age}; the bank lends only to adults of ${MINIMUM_BORROWER_AGE} or over`,
      ),
    ];
  }
  // Without a valid term there is no maturity date; termBounds reports the term.
  if (!Number.isInteger(termMonths) || termMonths < 1) return [];
  const maturity = formatIsoDate(addMonthsClamped(start, termMonths));
  const ageAtMaturity = ageOn(applicantBirthDate, maturity);
  if (ageAtMaturity > policy.maxAgeAtMaturity) {
    return [
      refusal(
        'CIVIL_CAPACITY',
        `the applicant would be ${ageAtMaturity} when the loan matures on ${maturity}; ` +
          `a ${policy.product} loan must be repaid by age ${policy.maxAgeAtMaturity}`,
      ),
    ];
  }
  return [];
}

function warningList(onWarningList: boolean): EligibilityRefusal[] {
  return onWarningList
    ? [
        refusal(
          'CREDIT_WARNING_LIST',
          'the applicant is on the credit warning list (客户信用预警名单)',
        ),
      ]
    : [];
}

function amountBounds({ amount }: ApplicationFacts, policy: ProductPolicy): EligibilityRefusal[] {
  if (amount.compare(policy.minAmount) >= 0 && amount.compare(policy.maxAmount) <= 0) return [];
  return [
    refusal(
      'AMOUNT_OUT_OF_BOUNDS',
      `a ${policy.product} loan is from ${policy.minAmount.toDecimalString()} to ` +
        `${policy.maxAmount.toDecimalString()} ${policy.maxAmount.currency}; ` +
        `${amount.toDecimalString()} was asked`,
    ),
  ];
}

function termBounds({ termMonths }: ApplicationFacts, policy: ProductPolicy): EligibilityRefusal[] {
  const { product, minTermMonths, maxTermMonths } = policy;
  if (!Number.isInteger(termMonths)) {
    return [
      refusal('TERM_OUT_OF_BOUNDS', `a term is a whole number of months; ${termMonths} was asked`),
    ];
  }
  if (termMonths > maxTermMonths) {
    return [
      refusal(
        'TERM_OUT_OF_BOUNDS',
        `a ${product} loan is at most ${maxTermMonths} months; ${termMonths} were asked`,
      ),
    ];
  }
  if (termMonths < minTermMonths) {
    return [
      refusal(
        'TERM_OUT_OF_BOUNDS',
        `a ${product} loan is at least ${minTermMonths} months; ${termMonths} were asked`,
      ),
    ];
  }
  return [];
}

function guarantee(
  { guaranteeType, guarantorCount, collateralCount }: ApplicationFacts,
  policy: ProductPolicy,
): EligibilityRefusal[] {
  if (!policy.allowedGuaranteeTypes.includes(guaranteeType)) {
    const allowed = policy.allowedGuaranteeTypes.map((type) => GUARANTEE_TYPE_NAMES[type]);
    return [
      refusal(
        'GUARANTEE_NOT_ALLOWED',
        `a ${policy.product} loan may be secured only by ${allowed.join(' or ')}; ` +
          `${GUARANTEE_TYPE_NAMES[guaranteeType]} was offered`,
      ),
    ];
  }
  if (guaranteeType === 'guarantor' && guarantorCount < 1) {
    return [refusal('GUARANTOR_MISSING', 'a guarantor loan needs at least one guarantor')];
  }
  if (isSecuredByCollateral(guaranteeType) && collateralCount < 1) {
    return [
      refusal(
        'COLLATERAL_MISSING',
        `a ${guaranteeType} loan needs at least one item of collateral`,
      ),
    ];
  }
  return [];
}

function purpose({ purpose }: ApplicationFacts): EligibilityRefusal[] {
  return purpose.trim() === ''
    ? [refusal('PURPOSE_MISSING', 'the application does not state what the loan is for')]
    : [];
}

function documents(missing: readonly DocumentKind[]): EligibilityRefusal[] {
  return missing.length
    ? [
        refusal(
          'DOCUMENTS_MISSING',
          `missing documents: ${missing.map(describeDocument).join(', ')}`,
        ),
      ]
    : [];
}

function creditRisk(
  { amount, guaranteeType }: ApplicationFacts,
  { collateralCover, guarantors = [], exposure = [] }: CreditRiskFindings,
): EligibilityRefusal[] {
  const refusals: EligibilityRefusal[] = [];
  if (isSecuredByCollateral(guaranteeType) && collateralCover && !collateralCover.within) {
    refusals.push(
      refusal(
        'COLLATERAL_COVER',
        `loan-to-value ${percent(collateralCover.ltv)} is above the limit of ${percent(collateralCover.limit)}: ` +
          `${amount.toDecimalString()} asked on collateral appraised at ${collateralCover.appraisedValue}, ` +
          `which secures at most ${collateralCover.lendableValue}`,
      ),
    );
  }
  for (const guarantor of guarantors) refusals.push(...guarantor.refusals);
  refusals.push(...exposure);
  return refusals;
}

function refusal(code: EligibilityRefusalCode, reason: string): EligibilityRefusal {
  return { code, reason };
}
