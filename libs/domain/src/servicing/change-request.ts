import { DomainError } from '../errors/domain-error';
import type { FieldProblem } from '../errors/field-problem';

/**
 * Changes to a loan's accounts and to its borrower's details after the application (更改还款帐户,
 * 更改借款人信息): requested by the customer manager with evidence, reviewed by the reviewer
 * (审查岗, seed 001: 负责审查提前还款、展期、更改还款帐户、更改借款人信息交易), applied only on
 * approval. Three kinds, because the account that matters moves with the loan's life:
 *
 * - `payout-account`: the account the loan is paid into (受托支付: the seller's; 自主支付: the
 *   borrower's own), only while the loan is not yet paid out: the payout reads it when it runs;
 * - `repayment-account`: the borrower's account installments are debited from (auto-debit);
 * - `borrower-details`: the applicant's name (a change of name needs its evidence like any other
 *   change), mobile phone, address and employer, as the loan register keeps them.
 */
export const CHANGE_KINDS = ['repayment-account', 'payout-account', 'borrower-details'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const DETAIL_FIELDS = ['name', 'phone', 'address', 'employer'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type BorrowerDetails = Partial<Record<DetailField, string | null>>;

/** An account as a change carries it: the number and, for a payout, the account holder's name. */
export interface AccountValue {
  account: string | null;
  accountName?: string | null;
}

/** A bank account number: 10 to 30 digits (as the application takes the payee's). */
export const ACCOUNT_NUMBER = /^\d{10,30}$/;
/** A mainland mobile number. */
export const MOBILE_NUMBER = /^1[3-9]\d{9}$/;

/** Loan statuses before the payout, in which the payout account may still change. */
const BEFORE_PAYOUT = [
  'submitted',
  'in-decision',
  'approved',
  'contracts-signed',
  'collateral-registered',
] as const;
/** Statuses in which the borrower still repays (or may yet): the repayment account matters. */
const REPAYING = [...BEFORE_PAYOUT, 'disbursed'] as const;
/** The borrower is still a customer (a written-off loan is still recovered: 账销案存). */
const CUSTOMER = [...REPAYING, 'written-off'] as const;

const WHEN: Record<ChangeKind, readonly string[]> = {
  'payout-account': BEFORE_PAYOUT,
  'repayment-account': REPAYING,
  'borrower-details': CUSTOMER,
};

/**
 * Refuses a change the loan's status does not allow (409 CHANGE_NOT_ALLOWED): checked when the
 * change is requested and again when it is applied, since the loan may have been paid out
 * meanwhile (an approved payout-account change after the payout changes nothing).
 */
export function assertChangeAllowed(kind: ChangeKind, loanStatus: string, loanId: string): void {
  if (WHEN[kind].includes(loanStatus)) return;
  const why =
    kind === 'payout-account' && loanStatus === 'disbursed'
      ? 'the loan has been paid out: change the repayment account instead'
      : `no ${kind} change is taken on a loan that is ${loanStatus}`;
  throw new DomainError('CHANGE_NOT_ALLOWED', `Loan ${loanId}: ${why}.`, {
    kind,
    loanStatus,
  });
}

/** What is wrong with the new account of an account change, by field (relative to `account`). */
export function accountProblems(
  kind: 'repayment-account' | 'payout-account',
  value: { account?: unknown; accountName?: unknown },
  paymentMethod: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof value.account !== 'string' || !ACCOUNT_NUMBER.test(value.account))
    problems.push({
      field: 'account.account',
      reason: 'must be a bank account number of 10 to 30 digits',
    });
  const name = value.accountName;
  const needsName = kind === 'payout-account' && paymentMethod === 'entrusted';
  if (needsName && (typeof name !== 'string' || name.trim().length < 2 || name.length > 100))
    problems.push({
      field: 'account.accountName',
      reason: 'must name the seller paid under entrusted payment in 2 to 100 characters',
    });
  if (!needsName && name !== undefined && name !== null)
    problems.push({
      field: 'account.accountName',
      reason: 'is only taken for the payout account of an entrusted payment (the seller)',
    });
  return problems;
}

const DETAIL_RULES: Record<DetailField, [test: (v: string) => boolean, reason: string]> = {
  name: [(v) => v.trim().length >= 2 && v.length <= 100, 'must be 2 to 100 characters'],
  phone: [(v) => MOBILE_NUMBER.test(v), 'must be an 11-digit mainland mobile number'],
  address: [(v) => v.trim().length >= 4 && v.length <= 255, 'must be 4 to 255 characters'],
  employer: [(v) => v.trim().length >= 2 && v.length <= 100, 'must be 2 to 100 characters'],
};

/** What is wrong with the new details, by field (relative to `details`). */
export function detailProblems(requested: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const named = Object.keys(requested);
  if (named.length === 0)
    problems.push({
      field: 'details',
      reason: `must name at least one of ${DETAIL_FIELDS.join(', ')}`,
    });
  for (const field of named) {
    if (!(DETAIL_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: `details.${field}`, reason: 'is not a detail that can be changed' });
      continue;
    }
    const value = requested[field];
    const [test, reason] = DETAIL_RULES[field as DetailField];
    if (typeof value !== 'string' || !test(value))
      problems.push({ field: `details.${field}`, reason });
  }
  return problems;
}

/**
 * The change between what the register holds and what is asked: only the fields that differ,
 * old and new side by side. A request that changes nothing is a 400 on `details`.
 */
export function detailDiff(
  current: BorrowerDetails,
  requested: BorrowerDetails,
): { fields: DetailField[]; before: BorrowerDetails; after: BorrowerDetails } {
  const fields = DETAIL_FIELDS.filter(
    (field) => field in requested && (requested[field] ?? null) !== (current[field] ?? null),
  );
  if (fields.length === 0)
    throw new DomainError('VALIDATION_FAILED', 'details: the register already holds these values', {
      fieldErrors: [{ field: 'details', reasons: ['the register already holds these values'] }],
    });
  const before: BorrowerDetails = {};
  const after: BorrowerDetails = {};
  for (const field of fields) {
    before[field] = current[field] ?? null;
    after[field] = requested[field] ?? null;
  }
  return { fields, before, after };
}

/**
 * The account repayments are debited from today: the last approved repayment-account change;
 * without one, the borrower's own account the loan was paid into under 自主支付 (self payment);
 * under 受托支付 the payout went to the seller, so there is none until one is approved.
 */
export function repaymentAccountInForce(loan: {
  paymentMethod: string;
  payeeAccount: string | null;
  approvedRepaymentAccount: string | null;
}): string | null {
  if (loan.approvedRepaymentAccount) return loan.approvedRepaymentAccount;
  return loan.paymentMethod === 'self' ? loan.payeeAccount : null;
}
