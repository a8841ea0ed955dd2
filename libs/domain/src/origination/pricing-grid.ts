import Decimal from 'decimal.js';
import { LoanProduct, RISK_GRADES, RiskGrade } from '../authority/approval-authority';
import { DomainError } from '../errors/domain-error';
import { FieldProblem } from '../errors/field-problem';

/**
 * The pricing grid (定价表): for each product and risk grade, the lowest and highest annual rate
 * the bank lends at, as spreads in basis points over a reference rate. Why: the reviewer sets the
 * rate "within policy" and the approver decides it (seed 001, 贷款审批岗: "根据客户的风险评级,制定
 * 贷款利率和额度等相关条件"); a grid written down makes "within policy" checkable, and a worse grade
 * never gets a better price than the grid allows.
 *
 * The reference is the loan prime rate (贷款市场报价利率, LPR), as Chinese banks have priced new
 * loans since 2019 (PBoC announcement [2019] No. 15): the 1-year LPR for terms up to 5 years, the
 * 5-year-and-above LPR for longer terms. The default is the LPR published on 2025-05-20 (1-year
 * 3.00%, 5-year-and-above 3.50%), the latest this code knows; the National Interbank Funding
 * Center publishes it on the 20th of each month and a deployment passes its own.
 *
 * Housing (个人住房贷款): PBoC has set floors for first homes over the LPR of the matching term
 * since 2019 (PBoC announcement [2019] No. 16: no lower than the LPR; from May 2022 no lower than
 * the LPR − 20 bp; in May 2024 the national floor was removed and the local pricing
 * self-discipline mechanisms set any floor; existing mortgages were repriced in late 2024 to no
 * lower than the LPR − 30 bp). This bank keeps it
 * simple: no housing loan below its reference − 30 bp (grade A), rising with worse grades. The
 * product carries no first/second-home flag; a deployment that prices second homes apart adds
 * a product.
 *
 * Consumer and business loans (terms up to 5 years, so always over the 1-year LPR) start at the
 * LPR for grade A and widen with risk; at the default reference the worst ceiling (consumer D,
 * 12.00%) equals four times the 1-year LPR, the ceiling courts protect in private lending, which
 * the bank keeps its own prices under.
 *
 * All arithmetic is decimal (decimal.js); rates are decimal-fraction strings such as "0.0435".
 */
export type ReferenceBasis = 'LPR1Y' | 'LPR5Y';

export interface ReferenceRates {
  /** 1-year LPR as a decimal fraction, e.g. "0.0300". */
  lpr1y: string;
  /** 5-year-and-above LPR as a decimal fraction, e.g. "0.0350". */
  lpr5y: string;
  /** The date the published values took effect, YYYY-MM-DD. */
  effectiveDate: string;
}

/** The LPR published 2025-05-20. A deployment replaces it with the current publication. */
export const DEFAULT_REFERENCE_RATES: ReferenceRates = {
  lpr1y: '0.0300',
  lpr5y: '0.0350',
  effectiveDate: '2025-05-20',
};

/** Terms up to this many months are priced over the 1-year LPR, longer ones over the 5-year. */
export const LPR1Y_MAX_TERM_MONTHS = 60;

export interface RateBand {
  /** Basis points over the reference; negative below it. Whole numbers. */
  floorSpreadBp: number;
  ceilingSpreadBp: number;
}

export type PricingGrid = Readonly<Record<LoanProduct, Readonly<Record<RiskGrade, RateBand>>>>;

const band = (floorSpreadBp: number, ceilingSpreadBp: number): RateBand => ({
  floorSpreadBp,
  ceilingSpreadBp,
});

/**
 * The bank's default grid; a deployment sets its own. At the default reference (1-year 3.00%,
 * 5-year 3.50%):
 * - consumer: A 3.00–12.00%, B 3.30–15.00%, C 3.60–18.00%, D 4.00–24.00%. Unsecured consumer
 *   credit is priced widely by risk; the ceiling of the riskiest grade stops at 24%, the rate
 *   above which Chinese courts do not protect interest in lending (最高人民法院关于审理民间借贷案件
 *   适用法律若干问题的规定 and the regulators' guidance that consumer credit stay within it);
 * - business: A 3.00–9.00%, B 3.30–12.00%, C 3.80–15.00%, D 4.50–18.00% (cheaper than
 *   consumer: the bank sees the business's cash flow and funds go to a named counterparty);
 * - housing: over the 1-year LPR up to 5 years and the 5-year LPR beyond, A −30..+150 bp,
 *   B −20..+180, C −10..+220, D 0..+270 (secured by the home: the narrowest and lowest band; the
 *   floor follows the repricing of existing first-home loans to no lower than LPR − 30 bp).
 */
export const DEFAULT_PRICING_GRID: PricingGrid = {
  consumer: { A: band(0, 900), B: band(30, 1200), C: band(60, 1500), D: band(100, 2100) },
  business: { A: band(0, 600), B: band(30, 900), C: band(80, 1200), D: band(150, 1500) },
  housing: { A: band(-30, 150), B: band(-20, 180), C: band(-10, 220), D: band(0, 270) },
};

export interface RateBounds {
  product: LoanProduct;
  grade: RiskGrade;
  basis: ReferenceBasis;
  /** The reference rate the spreads are over. */
  reference: string;
  effectiveDate: string;
  floorSpreadBp: number;
  ceilingSpreadBp: number;
  /** Inclusive; never below zero. */
  floor: string;
  /** Inclusive. */
  ceiling: string;
}

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
/** A decimal fraction with at most 6 places, as forms and process variables carry rates. */
const RATE = /^(0|[1-9]\d*)(\.\d{1,6})?$/;

/** The reference a loan of this term is priced over. */
export function referenceBasis(termMonths: number): ReferenceBasis {
  assertTerm(termMonths);
  return termMonths <= LPR1Y_MAX_TERM_MONTHS ? 'LPR1Y' : 'LPR5Y';
}

/** The lowest and highest annual rate for a loan of this product, grade and term. */
export function rateBounds(
  product: LoanProduct,
  grade: RiskGrade,
  termMonths: number,
  referenceRates: ReferenceRates,
  grid: PricingGrid = DEFAULT_PRICING_GRID,
): RateBounds {
  const basis = referenceBasis(termMonths);
  const reference = basis === 'LPR1Y' ? referenceRates.lpr1y : referenceRates.lpr5y;
  if (!RATE.test(reference)) {
    throw new DomainError(
      'REFERENCE_RATE_INVALID',
      `the ${basis} reference must be a decimal fraction with at most 6 places such as 0.0300, got "${reference}"`,
      { basis },
    );
  }
  const spreads = grid[product]?.[grade];
  if (!spreads || !RISK_GRADES.includes(grade)) {
    throw new DomainError(
      'PRICING_GRID_INVALID',
      `the pricing grid has no band for ${product} grade ${grade}`,
      { product, grade },
    );
  }
  const { floorSpreadBp, ceilingSpreadBp } = spreads;
  if (
    !Number.isInteger(floorSpreadBp) ||
    !Number.isInteger(ceilingSpreadBp) ||
    floorSpreadBp > ceilingSpreadBp
  ) {
    throw new DomainError(
      'PRICING_GRID_INVALID',
      `the band for ${product} grade ${grade} must be whole basis points with the floor not above the ceiling, got ${floorSpreadBp}..${ceilingSpreadBp}`,
      { product, grade },
    );
  }
  const ref = new Dec(reference);
  const floor = Decimal.max(ref.plus(new Dec(floorSpreadBp).dividedBy(10000)), 0);
  const ceiling = ref.plus(new Dec(ceilingSpreadBp).dividedBy(10000));
  return {
    product,
    grade,
    basis,
    reference: formatRate(ref),
    effectiveDate: referenceRates.effectiveDate,
    floorSpreadBp,
    ceilingSpreadBp,
    floor: formatRate(floor),
    ceiling: formatRate(ceiling),
  };
}

/** Null when `rate` lies within the bounds (both inclusive), else the problem on `field`. */
export function checkRate(
  rate: string,
  bounds: RateBounds,
  field = 'annualRate',
): FieldProblem | null {
  if (!RATE.test(rate)) {
    return {
      field,
      reason: `must be a decimal fraction with at most 6 places such as 0.0435, got "${rate}"`,
    };
  }
  const value = new Dec(rate);
  const what = `a ${bounds.product} loan of grade ${bounds.grade}`;
  if (value.lt(bounds.floor)) {
    return {
      field,
      reason: `${rate} is below the floor ${bounds.floor} for ${what} (${describe(bounds, bounds.floorSpreadBp)})`,
    };
  }
  if (value.gt(bounds.ceiling)) {
    return {
      field,
      reason: `${rate} is above the ceiling ${bounds.ceiling} for ${what} (${describe(bounds, bounds.ceilingSpreadBp)})`,
    };
  }
  return null;
}

/** "LPR1Y 0.0300 of 2025-05-20 + 300 bp" */
function describe(bounds: RateBounds, spreadBp: number): string {
  const sign = spreadBp < 0 ? '−' : '+';
  return `${bounds.basis} ${bounds.reference} of ${bounds.effectiveDate} ${sign} ${Math.abs(spreadBp)} bp`;
}

/** At least 4 places ("0.0300"), at most 6 ("0.031250" → "0.03125"). */
function formatRate(value: Decimal): string {
  const rounded = value.toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
  return rounded.decimalPlaces() <= 4 ? rounded.toFixed(4) : rounded.toFixed();
}

function assertTerm(termMonths: number): void {
  if (!Number.isInteger(termMonths) || termMonths < 1) {
    throw new DomainError(
      'TERM_INVALID',
      `the term must be a whole number of months of at least 1, got ${termMonths}`,
      { termMonths },
    );
  }
}
