import Decimal from 'decimal.js';
import { LoanProduct } from '../authority/approval-authority';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';

/** What can be put up as collateral (押品种类), as the application names it. */
export const COLLATERAL_KINDS = ['property', 'vehicle', 'deposit', 'securities', 'other'] as const;
export type CollateralKind = (typeof COLLATERAL_KINDS)[number];

/**
 * The row of the table a housing loan's property is read from: a second home (二套房) lends less
 * than a first (首套房), as the macro-prudential rules on down payments require.
 */
export type LtvKey = CollateralKind | 'property-second-home';

/** Maximum loan-to-value (抵质押率) as a decimal fraction, by product and collateral kind. */
export type LtvLimits = Readonly<Record<LoanProduct, Readonly<Partial<Record<LtvKey, string>>>>>;

/**
 * The bank's default table, from common practice at Chinese banks (a deployment overrides any
 * cell with COLLATERAL_LTV_LIMITS, see docs/controls/credit.md):
 * - housing: first home 70% (a 30% down payment), second home 60% (40% down payment);
 * - residential property for a consumer or business loan (抵押消费贷/经营贷): 70% of the appraisal;
 * - vehicles: 80% for a private car (汽车贷款管理办法: 自用传统动力汽车最高 80%), 70% for a vehicle
 *   used in a business (商用车 70%); a vehicle does not secure a housing loan;
 * - deposits pledged (存单质押): 90%, the margin covering interest and early-withdrawal loss;
 * - securities pledged: 50%, their price moves;
 * - any other kind: 30% until a designer gives it its own rate: the bank cannot sell it readily.
 * A kind the table leaves out for a product lends nothing against it.
 */
export const DEFAULT_LTV_LIMITS: LtvLimits = {
  housing: {
    property: '0.70',
    'property-second-home': '0.60',
    deposit: '0.90',
    securities: '0.50',
  },
  consumer: {
    property: '0.70',
    'property-second-home': '0.70',
    vehicle: '0.80',
    deposit: '0.90',
    securities: '0.50',
    other: '0.30',
  },
  business: {
    property: '0.70',
    'property-second-home': '0.70',
    vehicle: '0.70',
    deposit: '0.90',
    securities: '0.50',
    other: '0.30',
  },
};

export interface CollateralItem {
  kind: string;
  appraisedValue: Money;
}

export interface CollateralCoverFacts {
  product: LoanProduct;
  amount: Money;
  collateral: readonly CollateralItem[];
  /** The applicant already has a home loan (declared, or a housing loan with the bank). */
  secondHome: boolean;
}

export interface CollateralCover {
  /** The amount over the appraised value, 4 places ("0.4688" is 46.88%); null with nothing appraised. */
  ltv: string | null;
  /** The largest loan-to-value the collateral allows (the lendable value over the appraised value). */
  limit: string | null;
  /** The appraised value of everything put up, decimal yuan. */
  appraisedValue: string;
  /** The most the collateral secures: each item's appraisal times its kind's rate, decimal yuan. */
  lendableValue: string;
  within: boolean;
}

const RATE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

/** The limit for one item: the product's cell for the kind, 0 where the table has none. */
export function ltvLimitFor(
  product: LoanProduct,
  kind: string,
  secondHome: boolean,
  limits: LtvLimits = DEFAULT_LTV_LIMITS,
): string {
  const key: string = kind === 'property' && secondHome ? 'property-second-home' : kind;
  return (limits[product] as Record<string, string | undefined>)[key] ?? '0';
}

/**
 * Whether the collateral covers the amount: the amount may not exceed the lendable value, the sum
 * over the items of appraisal × the kind's limit. With one kind this is "LTV ≤ limit"; with
 * several, each item lends at its own rate (a deposit pledged beside a house lends 90% of its
 * value, the house 70%).
 */
export function collateralCover(
  facts: CollateralCoverFacts,
  limits: LtvLimits = DEFAULT_LTV_LIMITS,
): CollateralCover {
  let appraised = Money.zero();
  let lendable = Money.zero();
  for (const item of facts.collateral) {
    if (item.appraisedValue.isNegative()) {
      throw new DomainError('COLLATERAL_VALUE_INVALID', 'an appraised value may not be negative');
    }
    appraised = appraised.plus(item.appraisedValue);
    lendable = lendable.plus(
      item.appraisedValue.times(ltvLimitFor(facts.product, item.kind, facts.secondHome, limits)),
    );
  }
  const ratio = (money: Money) =>
    appraised.isZero()
      ? null
      : new Decimal(money.minorUnits.toString())
          .dividedBy(appraised.minorUnits.toString())
          .toFixed(4, Decimal.ROUND_HALF_UP);
  return {
    ltv: ratio(facts.amount),
    limit: ratio(lendable),
    appraisedValue: appraised.toDecimalString(),
    lendableValue: lendable.toDecimalString(),
    within: facts.amount.compare(lendable) <= 0,
  };
}

/** "46.88%": how a refusal states a ratio. */
export function percent(ratio: string | null): string {
  return ratio === null ? 'n/a' : `${new Decimal(ratio).times(100).toFixed(2)}%`;
}

/**
 * The default table with the cells a deployment sets, written
 * `product.kind=rate,…` (e.g. `housing.property=0.65,consumer.vehicle=0.70`). Refuses a product,
 * kind or rate it does not know, so a typo never silently leaves a default in force.
 */
export function parseLtvLimits(text: string | undefined | null): LtvLimits {
  const table: Record<string, Record<string, string>> = {};
  for (const [product, cells] of Object.entries(DEFAULT_LTV_LIMITS)) table[product] = { ...cells };
  for (const cell of (text ?? '').split(',').map((part) => part.trim())) {
    if (!cell) continue;
    const match = /^(\w+)\.([\w-]+)=(.+)$/.exec(cell);
    const product = match?.[1];
    const kind = match?.[2] ?? '';
    const rate = match?.[3]?.trim() ?? '';
    const kinds: readonly string[] = [...COLLATERAL_KINDS, 'property-second-home'];
    if (!match || !product || !table[product] || !kinds.includes(kind) || !RATE.test(rate)) {
      throw new DomainError(
        'LTV_LIMITS_INVALID',
        `"${cell}" is not product.kind=rate (products consumer, housing, business; kinds ${kinds.join(', ')}; a rate from 0 to 1 such as 0.70)`,
      );
    }
    table[product][kind] = rate;
  }
  return table as unknown as LtvLimits;
}

/**
 * A decided amount (a recommendation, an approval) the collateral does not cover: the problem on
 * the field, with the figure and the limit. Nothing when the loan is not secured by collateral.
 */
export function coverProblems(
  field: string,
  amount: Money,
  cover: { appraisedValue: Money; lendableValue: Money } | null,
): { field: string; reason: string }[] {
  if (!cover || amount.compare(cover.lendableValue) <= 0) return [];
  const ratio = (money: Money) =>
    cover.appraisedValue.isZero()
      ? null
      : new Decimal(money.minorUnits.toString())
          .dividedBy(cover.appraisedValue.minorUnits.toString())
          .toFixed(4, Decimal.ROUND_HALF_UP);
  return [
    {
      field,
      reason: `${amount.toDecimalString()} is a loan-to-value of ${percent(ratio(amount))}, above the limit of ${percent(ratio(cover.lendableValue))}: the collateral appraised at ${cover.appraisedValue.toDecimalString()} secures at most ${cover.lendableValue.toDecimalString()}`,
    },
  ];
}
