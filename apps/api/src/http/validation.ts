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

function flatten(
  errors: ValidationError[],
  parent: string,
): { field: string; reasons: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
