import { LoanProduct } from '../authority/approval-authority';
import { GuaranteeType } from './guarantee-types';

/** Documents an application file (贷款档案) can hold, by the stable kind the system stores. */
export const DOCUMENT_KINDS = [
  'id-card',
  'income-proof',
  'credit-authorization',
  'purpose-evidence',
  'house-purchase-contract',
  'down-payment-receipt',
  'business-license',
  'collateral-ownership-certificate',
  'collateral-valuation-report',
  'guarantor-id-card',
  'guarantor-income-proof',
  'collateral-owner-consent',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_NAMES: Record<DocumentKind, string> = {
  'id-card': '身份证',
  'income-proof': '收入证明',
  'credit-authorization': '征信授权书',
  'purpose-evidence': '贷款用途证明',
  'house-purchase-contract': '购房合同',
  'down-payment-receipt': '首付款证明',
  'business-license': '营业执照',
  'collateral-ownership-certificate': '抵质押物权属证明',
  'collateral-valuation-report': '抵质押物评估报告',
  'guarantor-id-card': '保证人身份证',
  'guarantor-income-proof': '保证人收入证明',
  'collateral-owner-consent': '有处分权人同意抵质押的书面证明',
};

/** Every applicant: who they are, what they earn, consent to query the credit bureau, and why. */
const ALWAYS: readonly DocumentKind[] = [
  'id-card',
  'income-proof',
  'credit-authorization',
  'purpose-evidence',
];
const BY_PRODUCT: Record<LoanProduct, readonly DocumentKind[]> = {
  consumer: [],
  housing: ['house-purchase-contract', 'down-payment-receipt'],
  business: ['business-license'],
};
const BY_GUARANTEE: Record<GuaranteeType, readonly DocumentKind[]> = {
  credit: [],
  guarantor: ['guarantor-id-card', 'guarantor-income-proof'],
  mortgage: ['collateral-ownership-certificate', 'collateral-valuation-report'],
  pledge: ['collateral-ownership-certificate', 'collateral-valuation-report'],
};

/**
 * Collateral owned by someone other than the applicant (a spouse, a parent) may be mortgaged or
 * pledged only with the written consent of whoever may dispose of it (有处分权人同意).
 */
export interface DocumentCircumstances {
  thirdPartyCollateral?: boolean;
}

export function requiredDocuments(
  product: LoanProduct,
  guaranteeType: GuaranteeType,
  circumstances: DocumentCircumstances = {},
): DocumentKind[] {
  const consent: DocumentKind[] =
    circumstances.thirdPartyCollateral &&
    (guaranteeType === 'mortgage' || guaranteeType === 'pledge')
      ? ['collateral-owner-consent']
      : [];
  return [...ALWAYS, ...BY_PRODUCT[product], ...BY_GUARANTEE[guaranteeType], ...consent];
}

/** The required documents not among `provided` (document kinds), in the order of the list. */
export function missingDocuments(
  product: LoanProduct,
  guaranteeType: GuaranteeType,
  provided: readonly string[],
  circumstances: DocumentCircumstances = {},
): DocumentKind[] {
  const present = new Set(provided);
  return requiredDocuments(product, guaranteeType, circumstances).filter(
    (kind) => !present.has(kind),
  );
}

/** "征信授权书 (credit-authorization)": how refusals name a document to a person. */
export function describeDocument(kind: DocumentKind): string {
  return `${DOCUMENT_KIND_NAMES[kind]} (${kind})`;
}
