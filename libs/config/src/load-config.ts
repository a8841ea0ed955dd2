import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { committeeRules, DomainError } from '@loanflow/domain';
import { AppConfig } from './app-config';
import { shownValue, tokenSecretProblem } from './secrets';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}.`);
    this.name = 'ConfigError';
  }
}

/** Settings only some processes need: each says what to set and how when it is missing. */
const WHEN_MISSING: Partial<Record<keyof AppConfig, string>> = {
  AUTH_TOKEN_SECRET:
    'AUTH_TOKEN_SECRET is not set: this process signs and verifies access tokens with it, so set it to 32 or more random characters (e.g. the output of openssl rand -base64 48) from your secret store; npm start keeps one in var/dev/secrets/',
};

export interface LoadConfigOptions {
  /** Settings this process cannot run without (e.g. the api's AUTH_TOKEN_SECRET). */
  require?: (keyof AppConfig)[];
}

/** Reads the settings AppConfig declares from the environment; throws one sentence per bad one. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): AppConfig {
  const declared = Object.keys(new AppConfig());
  const present: Record<string, string> = {};
  for (const key of declared) {
    const value = env[key];
    if (value !== undefined && value !== '') present[key] = value;
  }
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  const problems = [
    ...errors.map(describe),
    ...crossChecks(config),
    ...missing(config, options.require ?? []),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Throws the one sentence per missing setting that loadConfig's `require` would. */
export function requireSettings(config: AppConfig, settings: (keyof AppConfig)[]): void {
  const problems = missing(config, settings);
  if (problems.length > 0) throw new ConfigError(problems);
}

function missing(config: AppConfig, settings: (keyof AppConfig)[]): string[] {
  return settings
    .filter((setting) => config[setting] === undefined || config[setting] === '')
    .map((setting) => WHEN_MISSING[setting] ?? `${setting} is not set: this process needs it`);
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {});
  const shown = shownValue(error.property, error.value);
  return `${error.property} (got ${shown}): ${reasons.join(', ')}`;
}

/** Rules that span settings or depend on the environment. */
function crossChecks(config: AppConfig): string[] {
  const problems: string[] = [];
  for (const setting of ['AUTH_TOKEN_SECRET', 'AUTH_TOKEN_PREVIOUS_SECRET'] as const) {
    const secret = config[setting];
    const problem = secret === undefined ? undefined : tokenSecretProblem(setting, secret);
    if (problem) problems.push(problem);
  }
  if (config.AUTH_TOKEN_PREVIOUS_SECRET && !config.AUTH_TOKEN_SECRET) {
    problems.push(
      'AUTH_TOKEN_PREVIOUS_SECRET is set without AUTH_TOKEN_SECRET: a rotation needs the new secret too',
    );
  }
  if (
    config.AUTH_TOKEN_PREVIOUS_SECRET &&
    config.AUTH_TOKEN_PREVIOUS_SECRET === config.AUTH_TOKEN_SECRET
  ) {
    problems.push(
      'AUTH_TOKEN_PREVIOUS_SECRET equals AUTH_TOKEN_SECRET: give the new key a new value',
    );
  }
  if (!!config.OIDC_ISSUER !== !!config.OIDC_JWKS_URL) {
    problems.push(
      'OIDC_ISSUER and OIDC_JWKS_URL: set both to accept the identity provider’s tokens, or neither',
    );
  }
  if (config.DOCUMENT_STORE === 's3' && !config.DOCUMENT_S3_BUCKET)
    problems.push('DOCUMENT_STORE is s3 but DOCUMENT_S3_BUCKET is not set: name the bucket');
  problems.push(...committeeProblems(config));
  return problems;
}

/** The committee's quorum and majority as fractions, the majority above one half. */
function committeeProblems(config: AppConfig): string[] {
  try {
    committeeRules({
      quorum: config.COMMITTEE_QUORUM,
      majority: config.COMMITTEE_MAJORITY,
      minimumVotes: config.COMMITTEE_MIN_VOTES,
      maxRounds: config.COMMITTEE_MAX_ROUNDS,
    });
    return [];
  } catch (error) {
    if (error instanceof DomainError) return [error.message];
    throw error;
  }
}
