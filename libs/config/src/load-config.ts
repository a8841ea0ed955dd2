import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig, DEVELOPMENT_TOKEN_SECRET } from './app-config';

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
  const problems = [...errors.map(describe), ...crossChecks(config)];
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {});
  const shown = JSON.stringify(error.value);
  return `${error.property} (got ${shown}): ${reasons.join(', ')}`;
}

/** Rules that span settings or depend on the environment. */
function crossChecks(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.NODE_ENV === 'production' && config.AUTH_TOKEN_SECRET === DEVELOPMENT_TOKEN_SECRET) {
    problems.push(
      'AUTH_TOKEN_SECRET: production needs its own secret, not the development default',
    );
  }
  if (!!config.OIDC_ISSUER !== !!config.OIDC_JWKS_URL) {
    problems.push(
      'OIDC_ISSUER and OIDC_JWKS_URL: set both to accept the identity provider’s tokens, or neither',
    );
  }
  return problems;
}
