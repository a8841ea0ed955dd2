import { DomainError, groupProblemsByField } from '@loanflow/domain';

/** A 400 naming the field and the reason, in the API's fieldErrors shape. */
export function invalidField(field: string, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${reason}`, {
    fieldErrors: groupProblemsByField([{ field, reason }]),
  });
}

/** A domain rule that names its field (details.field) said no: a 400 on that field. */
export function asFieldError(error: unknown): unknown {
  if (error instanceof DomainError && typeof error.details.field === 'string')
    return invalidField(error.details.field, error.message);
  return error;
}
