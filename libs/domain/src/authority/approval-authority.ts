import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';

/** Approval levels, lowest first: branch approver, center head, head-office credit committee. */
export const APPROVAL_LEVELS = ['branch', 'center', 'committee'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

export const APPROVAL_LEVEL_NAMES: Record<ApprovalLevel, string> = {
  branch: 'branch approver (支行审批人)',
  center: 'center head (中心负责人)',
  committee: 'head-office credit committee (总行贷审会)',
};

export type LoanProduct = 'consumer' | 'housing' | 'business';
/** Risk grades from the scorecard, best first. */
export const RISK_GRADES = ['A', 'B', 'C', 'D'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

/** A delegated limit: loans of this product up to this risk grade and amount. */
export interface AuthorityLimit {
  level: ApprovalLevel;
  product: LoanProduct;
  maxRiskGrade: RiskGrade;
  maxAmount: Money;
}

export interface ApprovalRequest {
  product: LoanProduct;
  riskGrade: RiskGrade;
  amount: Money;
}

export function covers(limit: AuthorityLimit, request: ApprovalRequest): boolean {
  return (
    limit.product === request.product &&
    RISK_GRADES.indexOf(request.riskGrade) <= RISK_GRADES.indexOf(limit.maxRiskGrade) &&
    request.amount.compare(limit.maxAmount) <= 0
  );
}

/** The lowest level of the bank's delegation schedule (授权方案) that may approve the request. */
export function requiredLevel(
  schedule: readonly AuthorityLimit[],
  request: ApprovalRequest,
): ApprovalLevel {
  for (const level of APPROVAL_LEVELS) {
    if (schedule.some((limit) => limit.level === level && covers(limit, request))) return level;
  }
  return 'committee';
}

/**
 * Refuses an approver whose own delegated limits do not cover the request, naming the level that
 * must approve it instead.
 */
export function assertWithinAuthority(
  approver: string,
  grants: readonly AuthorityLimit[],
  schedule: readonly AuthorityLimit[],
  request: ApprovalRequest,
): void {
  if (grants.some((grant) => covers(grant, request))) return;
  const level = requiredLevel(schedule, request);
  const own = grants.filter((grant) => grant.product === request.product);
  const ownText = own.length
    ? own.map((g) => `${g.maxAmount.toDecimalString()} up to grade ${g.maxRiskGrade}`).join(', ')
    : 'none';
  throw new DomainError(
    'ABOVE_AUTHORITY',
    `${approver} may not approve ${request.amount.toDecimalString()} ${request.amount.currency} of ${request.product} ` +
      `at risk grade ${request.riskGrade}: their limit for ${request.product} is ${ownText}; ` +
      `approval by ${APPROVAL_LEVEL_NAMES[level]} is required`,
    { requiredLevel: level },
  );
}
