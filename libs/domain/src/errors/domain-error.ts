/**
 * A business rule said no. The code is stable: the API maps it to an HTTP status, and a worker
 * throws it to the process as the BPMN error of the same name, so a model can catch it by code.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Codes are SCREAMING_SNAKE_CASE so that they read the same in a model, a log and an API body. */
export const DOMAIN_ERROR_CODE = /^[A-Z][A-Z0-9_]{2,63}$/;

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
