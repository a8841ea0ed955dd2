/**
 * How settings that hold secrets are checked and shown. A configuration error names the setting
 * and what is wrong with it, never the secret itself.
 */

/** Settings whose values are never shown: `(hidden, N characters)` instead. */
const SECRET_SETTING = /SECRET|PASSWORD|KEY/i;

/** Shorter HMAC keys are guessable offline from any token they signed. */
export const MIN_TOKEN_SECRET_LENGTH = 32;

/**
 * Values that were published (in this repository's history or its docs): anyone can sign tokens
 * with them, so they are refused whatever their length.
 */
const PUBLISHED_SECRETS = new Set(['loanflow-development-only-secret-change-me']);

/** Placeholders people paste from examples. */
const PLACEHOLDER = /change[-_ ]?me|changeit|placeholder|your[-_ ]?secret/i;

/** Fewer distinct characters than this is a pattern, not a random value (`aaaa…`, `abab…`). */
const MIN_DISTINCT_CHARACTERS = 8;

/** A value as a configuration error may print it. */
export function shownValue(setting: string, value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (SECRET_SETTING.test(setting)) return `(hidden, ${[...text].length} characters)`;
  return JSON.stringify(redactUrlCredentials(text));
}

/** `mysql://user:pw@host` → `mysql://user:***@host`, `redis://:pw@host` → `redis://:***@host`. */
export function redactUrlCredentials(text: string): string {
  // Greedy up to the last @ of the URL: a password may itself contain an unescaped @.
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):\S*@/gi, '$1:***@');
}

/** Why a token signing secret is unfit, or undefined when it is fit. Never repeats the value. */
export function tokenSecretProblem(setting: string, secret: string): string | undefined {
  const shown = shownValue(setting, secret);
  if ([...secret].length < MIN_TOKEN_SECRET_LENGTH) {
    return `${setting} ${shown}: must be at least ${MIN_TOKEN_SECRET_LENGTH} random characters`;
  }
  if (PUBLISHED_SECRETS.has(secret) || PLACEHOLDER.test(secret)) {
    return `${setting} ${shown}: is a published or placeholder value; make a random one, e.g. openssl rand -base64 48`;
  }
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) {
    return `${setting} ${shown}: is a repeated pattern, not a random value; make one with openssl rand -base64 48`;
  }
  return undefined;
}
