import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DomainError } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';

/** The answer as the form's typed object, or a 400 naming every bad field and its reasons. */
export async function validateAnswer(
  form: FormDefinition,
  answer: Record<string, unknown>,
): Promise<object> {
  const typed = plainToInstance(form.dto, answer);
  const errors = await validate(typed, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The ${form.title.toLowerCase()} has invalid fields.`,
      {
        fieldErrors: flatten(errors, 'answer'),
      },
    );
  }
  return typed;
}

/** Bad fields with their reasons and the rules that refused them, as the api's validation pipe gives them. */
function flatten(
  errors: ValidationError[],
  parent: string,
): { field: string; reasons: string[]; rules: string[] }[] {
  return errors.flatMap((error) => {
    const field = `${parent}.${error.property}`;
    const own = error.constraints
      ? [
          {
            field,
            reasons: Object.values(error.constraints),
            rules: Object.keys(error.constraints),
          },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
