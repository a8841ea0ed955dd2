import Decimal from 'decimal.js';
import { LoanProduct, RiskGrade } from '../authority/approval-authority';
import { DomainError } from '../errors/domain-error';
import { FieldProblem } from '../errors/field-problem';
import { Money } from '../money/money';
import { PricingGrid, rateBounds, ReferenceRates, checkRate } from './pricing-grid';
import { DEFAULT_PRODUCT_POLICIES, LOAN_PRODUCT_NAMES, ProductPolicy } from './product-policy';
import { textOf } from '../text/text-of';

/**
 * Terms a decision may set (额度、期限、利率). Why: the reviewer "确定贷款额度、期限、利率等要素"
 * and the approver signs "额度、期限、利率…等明确意见" (seed 001, 审查岗 and 决策岗); both within
 * the product's limits and the pricing grid, and neither lends more than was asked unless the
 * bank makes a counter-offer on purpose. Every problem is returned at once, on the field of the
 * form it belongs to, so an API answers with all of them and the person fixes the form in one go.
 *
 * Three callers:
 * - the reviewer's recommendation (fields recommendedAmount, recommendedTermMonths,
 *   recommendedAnnualRate; each optional): never above the amount applied for, within the
 *   product and the grid; the rate is priced on the recommended term, else the one applied for;
 * - the approver's decision (amount, termMonths, annualRate, reasons): not above the amount
 *   applied for, nor above the reviewer's recommended amount where that is lower, unless marked
 *   a counter-offer; a counter-offer must differ from the request and give its reasons;
 * - a restructuring decision (extraMonths, annualRate): the extended total term within the
 *   product's limits, the rate within the grid for that total term (which may move the loan
 *   from the 1-year to the 5-year LPR).
 *
 * Only the amount is held to the application: a different term or rate is within the bank's
 * choice as long as the product and the grid allow it.
 */
export interface TermsContext {
  product: LoanProduct;
  grade: RiskGrade;
  referenceRates: ReferenceRates;
  /** Defaults to DEFAULT_PRODUCT_POLICIES[product]. */
  policy?: ProductPolicy;
  /** Defaults to DEFAULT_PRICING_GRID. */
  grid?: PricingGrid;
}

/** What the applicant asked for. Applications carry no rate today; one that does is compared too. */
export interface RequestedTerms {
  amount: Money;
  termMonths: number;
  annualRate?: string | null;
}

export interface RecommendedTerms {
  stage: 'recommendation';
  applied: RequestedTerms;
  amount?: Money | null;
  termMonths?: number | null;
  annualRate?: string | null;
}

export interface ApprovedTerms {
  stage: 'approval';
  applied: RequestedTerms;
  /** The reviewer's recommended amount, when the review gave one. */
  recommendedAmount?: Money | null;
  amount: Money;
  termMonths: number;
  annualRate: string;
  /** The approver offers other terms than those asked for (反要约), on purpose. */
  counterOffer?: boolean;
  reasons?: string | null;
}

export interface RestructuredTerms {
  stage: 'restructuring';
  originalTermMonths: number;
  /** Months added by earlier extensions or restructurings. */
  extendedSoFarMonths?: number;
  extraMonths: number;
  annualRate: string;
}

export type TermsDecision = RecommendedTerms | ApprovedTerms | RestructuredTerms;

/** The shortest explanation a counter-offer may give, as other decisions' reasons. */
export const COUNTER_OFFER_MIN_REASON_LENGTH = 10;

/** Every problem with the decision's terms; empty when they are within bounds. */
export function termsProblems(decision: TermsDecision, context: TermsContext): FieldProblem[] {
  const policy = policyFor(context);
  switch (decision.stage) {
    case 'recommendation':
      return recommendationProblems(decision, context, policy);
    case 'approval':
      return approvalProblems(decision, context, policy);
    case 'restructuring':
      return restructuringProblems(decision, context, policy);
  }
}

/** Refuses (TERMS_OUT_OF_BOUNDS, details.problems) terms with any problem. */
export function assertTermsWithinBounds(decision: TermsDecision, context: TermsContext): void {
  const problems = termsProblems(decision, context);
  if (problems.length === 0) return;
  throw new DomainError(
    'TERMS_OUT_OF_BOUNDS',
    `the terms are out of bounds: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
    { problems },
  );
}

/**
 * A counter-offer differs from the request in amount, term or rate (a rate only when the request
 * named one) and says why; otherwise it is an approval of what was asked, or an offer without
 * grounds.
 */
export function counterOfferProblems(
  offer: { amount: Money; termMonths: number; annualRate: string; reasons?: string | null },
  request: RequestedTerms,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const differs =
    offer.amount.compare(request.amount) !== 0 ||
    offer.termMonths !== request.termMonths ||
    (!!request.annualRate && !sameRate(offer.annualRate, request.annualRate));
  if (!differs) {
    problems.push({
      field: 'counterOffer',
      reason:
        'a counter-offer must differ from the request in amount, term or rate; these are the terms asked for',
    });
  }
  if ((offer.reasons ?? '').trim().length < COUNTER_OFFER_MIN_REASON_LENGTH) {
    problems.push({
      field: 'reasons',
      reason: `a counter-offer must give its reasons in at least ${COUNTER_OFFER_MIN_REASON_LENGTH} characters`,
    });
  }
  return problems;
}

function recommendationProblems(
  rec: RecommendedTerms,
  context: TermsContext,
  policy: ProductPolicy,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (rec.amount) {
    problems.push(...amountProblems('recommendedAmount', rec.amount, policy));
    if (rec.amount.compare(rec.applied.amount) > 0) {
      problems.push({
        field: 'recommendedAmount',
        reason: `${rec.amount.toDecimalString()} is above the ${rec.applied.amount.toDecimalString()} applied for: a recommendation never lends more than was asked`,
      });
    }
  }
  const term = rec.termMonths ?? null;
  if (term !== null) problems.push(...termProblems('recommendedTermMonths', term, policy));
  if (rec.annualRate) {
    const pricedOn = isWholeMonths(term) ? term : rec.applied.termMonths;
    problems.push(...rateProblems('recommendedAnnualRate', rec.annualRate, pricedOn, context));
  }
  return problems;
}

function approvalProblems(
  decision: ApprovedTerms,
  context: TermsContext,
  policy: ProductPolicy,
): FieldProblem[] {
  const problems: FieldProblem[] = [...amountProblems('amount', decision.amount, policy)];
  const { applied, recommendedAmount } = decision;
  const capByRecommendation = !!recommendedAmount && recommendedAmount.compare(applied.amount) < 0;
  const cap = capByRecommendation ? recommendedAmount : applied.amount;
  if (!decision.counterOffer && decision.amount.compare(cap) > 0) {
    const what = capByRecommendation ? 'the reviewer recommended' : 'applied for';
    problems.push({
      field: 'amount',
      reason: `${decision.amount.toDecimalString()} is above the ${cap.toDecimalString()} ${what}: only a counter-offer may lend more`,
    });
  }
  problems.push(...termProblems('termMonths', decision.termMonths, policy));
  const pricedOn = isWholeMonths(decision.termMonths) ? decision.termMonths : applied.termMonths;
  problems.push(...rateProblems('annualRate', decision.annualRate, pricedOn, context));
  if (decision.counterOffer) problems.push(...counterOfferProblems(decision, applied));
  return problems;
}

function restructuringProblems(
  decision: RestructuredTerms,
  context: TermsContext,
  policy: ProductPolicy,
): FieldProblem[] {
  const { originalTermMonths, extraMonths } = decision;
  const soFar = decision.extendedSoFarMonths ?? 0;
  if (!isWholeMonths(extraMonths)) {
    return [{ field: 'extraMonths', reason: `must be a whole number of months of at least 1` }];
  }
  const total = originalTermMonths + soFar + extraMonths;
  const problems: FieldProblem[] = [];
  if (total > policy.maxTermMonths) {
    problems.push({
      field: 'extraMonths',
      reason: `the extended term of ${total} months (${originalTermMonths} + ${soFar} extended before + ${extraMonths}) exceeds the ${policy.maxTermMonths}-month maximum for a ${LOAN_PRODUCT_NAMES[policy.product]}`,
    });
  }
  problems.push(...rateProblems('annualRate', decision.annualRate, total, context));
  return problems;
}

function amountProblems(field: string, amount: Money, policy: ProductPolicy): FieldProblem[] {
  if (amount.compare(policy.minAmount) >= 0 && amount.compare(policy.maxAmount) <= 0) return [];
  return [
    {
      field,
      reason: `${amount.toDecimalString()} is outside ${policy.minAmount.toDecimalString()}–${policy.maxAmount.toDecimalString()} for a ${LOAN_PRODUCT_NAMES[policy.product]}`,
    },
  ];
}

function termProblems(field: string, termMonths: number, policy: ProductPolicy): FieldProblem[] {
  if (!isWholeMonths(termMonths)) {
    return [
      {
        field,
        reason: `must be a whole number of months of at least 1, got ${textOf(termMonths)}`,
      },
    ];
  }
  if (termMonths >= policy.minTermMonths && termMonths <= policy.maxTermMonths) return [];
  return [
    {
      field,
      reason: `${termMonths} months is outside ${policy.minTermMonths}–${policy.maxTermMonths} months for a ${LOAN_PRODUCT_NAMES[policy.product]}`,
    },
  ];
}

function rateProblems(
  field: string,
  rate: string,
  termMonths: number,
  context: TermsContext,
): FieldProblem[] {
  const bounds = rateBounds(
    context.product,
    context.grade,
    termMonths,
    context.referenceRates,
    context.grid,
  );
  const problem = checkRate(rate, bounds, field);
  return problem ? [problem] : [];
}

function policyFor(context: TermsContext): ProductPolicy {
  const policy = context.policy ?? DEFAULT_PRODUCT_POLICIES[context.product];
  if (policy.product !== context.product) {
    throw new DomainError(
      'POLICY_PRODUCT_MISMATCH',
      `the ${policy.product} policy cannot judge the terms of a ${context.product} loan`,
    );
  }
  return policy;
}

function isWholeMonths(months: number | null | undefined): months is number {
  return typeof months === 'number' && Number.isInteger(months) && months >= 1;
}

/** Rates compared as decimals: "0.0435" and "0.043500" are the same rate. */
function sameRate(a: string, b: string): boolean {
  const decimal = /^\d+(\.\d+)?$/;
  if (!decimal.test(a) || !decimal.test(b)) return a === b;
  return new Decimal(a).eq(b);
}
