import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}.`);
    this.name = 'ConfigError';
  }
}

/** Reads the settings AppConfig declares from the environment; throws one sentence per bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const declared = Object.keys(new AppConfig());
  const present: Record<string, string> = {};
  for (const key of declared) {
    const value = env[key];
    if (value !== undefined && value !== '') present[key] = value;
  }
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.map(describe));
  return Object.freeze(config);
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {});
  const shown = JSON.stringify(error.value);
  return `${error.property} (got ${shown}): ${reasons.join(', ')}`;
}
