/**
 * HTTP status for a domain error code. Services throw DomainError with a stable code and never an
 * HTTP exception; this table is the one place codes meet statuses. Unlisted codes are 422.
 */
const STATUS_BY_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  MONEY_INVALID: 400,
  MONEY_TOO_PRECISE: 400,
  MONEY_CURRENCY_MISMATCH: 400,
};

export function statusForDomainCode(code: string): number {
  return STATUS_BY_CODE[code] ?? (code.endsWith('_NOT_FOUND') ? 404 : code.endsWith('_FORBIDDEN') ? 403 : 422);
}
