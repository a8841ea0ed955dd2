import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Whitelist, transform, refuse unknown fields; 400 lists every field with its reasons. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ code: 'VALIDATION_FAILED', fieldErrors: flatten(errors, '') }),
  });
}

/**
 * Each bad field with its reasons and, in the same order, the rules that refused it (class-validator's
 * constraint names: `matches`, `isLength`, …) so that a client can say it in the reader's language.
 */
function flatten(
  errors: ValidationError[],
  parent: string,
): { field: string; reasons: string[]; rules: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
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
