/**
 * HTTP status for a domain error code. Services throw DomainError with a stable code and never an
 * HTTP exception; this table is the one place codes meet statuses. Unlisted codes are 422.
 */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  LOGIN_THROTTLED: 429,
  ACCOUNT_LOCKED: 423,
  CURRENT_PASSWORD_WRONG: 403,
  ROLE_REQUIRED: 403,
  NOT_A_CANDIDATE: 403,
  NOT_ASSIGNEE: 403,
  SEPARATION_OF_DUTIES: 403,
  CONFLICT_OF_INTEREST: 403,
  ABOVE_AUTHORITY: 403,
  NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  CONFLICT: 409,
  RESTRUCTURING_ALREADY_OPEN: 409,
  WARNING_ALREADY_OPEN: 409,
  TASK_ENDED: 409,
  TASK_ALREADY_CLAIMED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  LOAN_NOT_IN_SERVICING: 409,
  BROKER_UNAVAILABLE: 503,
  MONEY_INVALID: 400,
  MONEY_TOO_PRECISE: 400,
  MONEY_CURRENCY_MISMATCH: 400,
};

export function statusForDomainCode(code: string): number {
  return (
    STATUS_BY_CODE[code] ??
    (code.endsWith('_NOT_FOUND') ? 404 : code.endsWith('_FORBIDDEN') ? 403 : 422)
  );
}
