import { replaceStringParameters, TranslatableString } from '@rjsf/utils';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const NAMES = new Map(Object.entries(TranslatableString).map(([name, text]) => [text, name]));

/**
 * rjsf's own words (Add, Remove, Errors, Yes, No…) in the reader's language: each under its
 * TranslatableString name in the locales' `rjsf` section, rjsf's English when it has none.
 */
export function rjsfTranslator(t: Translate) {
  return (key: TranslatableString, params?: string[]): string => {
    const name = NAMES.get(key);
    const text = name ? t(`rjsf.${name}`, { defaultValue: '' }) : '';
    return replaceStringParameters(text || key, params);
  };
}
