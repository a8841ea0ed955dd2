/** How a loan is secured (担保方式). */
export const GUARANTEE_TYPES = ['credit', 'guarantor', 'mortgage', 'pledge'] as const;
export type GuaranteeType = (typeof GUARANTEE_TYPES)[number];

export const GUARANTEE_TYPE_NAMES: Record<GuaranteeType, string> = {
  credit: 'credit (信用)',
  guarantor: 'guarantor (保证)',
  mortgage: 'mortgage (抵押)',
  pledge: 'pledge (质押)',
};

/** The types that put up an asset, which must be owned, valued and registered. */
export type CollateralGuaranteeType = Extract<GuaranteeType, 'mortgage' | 'pledge'>;

export function isSecuredByCollateral(type: GuaranteeType): type is CollateralGuaranteeType {
  return type === 'mortgage' || type === 'pledge';
}
