import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import type { JobVariables } from './job-worker.types';

export type InputCheck<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The variable names a DTO declares: exactly what the worker asks the engine for. */
export function declaredVariables(dto: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

/** Validates job variables against the DTO; problems name each field and why, one per line. */
export function checkJobInput<T extends object>(
  dto: (new () => T) | undefined,
  variables: JobVariables,
): InputCheck<T> {
  if (!dto) return { ok: true, value: {} as T };
  const value = plainToInstance(dto, variables, { exposeDefaultValues: true });
  const errors = validateSync(value, { whitelist: true, forbidUnknownValues: true });
  if (errors.length === 0) return { ok: true, value };
  return { ok: false, problems: errors.flatMap((error) => describe(error, '')) };
}

/** class-validator's messages already name the property; nested ones get their parent's path. */
function describe(error: ValidationError, parent: string): string[] {
  const own = Object.values(error.constraints ?? {}).map((reason) =>
    parent ? `${parent}.${reason}` : reason,
  );
  const path = parent ? `${parent}.${error.property}` : error.property;
  const nested = (error.children ?? []).flatMap((child) => describe(child, path));
  return [...own, ...nested];
}
