import type { RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import { fieldAt, labelsOf, SchemaLanguage } from './schemaLabels';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Field = ReturnType<typeof fieldAt>;

/**
 * Every rule the browser checks (ajv's keywords), said in the reader's language with the field's
 * label, instead of ajv's English ("must NOT have fewer than 10 characters").
 */
export function localizeErrors(
  errors: RJSFValidationError[],
  schema: RJSFSchema,
  language: SchemaLanguage,
  t: Translate,
): RJSFValidationError[] {
  return errors.map((error) => {
    const field = fieldAt(schema, error.property);
    const message = keywordMessage(
      error.name ?? '',
      (error.params ?? {}) as Record<string, unknown>,
      field,
      t,
    );
    const title = labelsOf(field, language)?.title;
    return { ...error, message, title, stack: title ? `${title}：${message}` : message };
  });
}

function keywordMessage(
  keyword: string,
  params: Record<string, unknown>,
  field: Field,
  t: Translate,
): string {
  const limit = params.limit;
  switch (keyword) {
    case 'required':
      return t('validation.required');
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
      return t(`validation.${keyword}`, { limit });
    case 'pattern':
    case 'format':
      return patternMessage(field, t);
    case 'enum':
    case 'const':
      // An "I confirm" box (Equals(true) on the server) must be ticked.
      return field?.type === 'boolean' ? t('validation.confirm') : t('validation.enum');
    case 'type':
      return t('validation.type', { type: t(`validation.types.${String(params.type)}`) });
    case 'uniqueItems':
      return t('validation.uniqueItems');
    default:
      return t('validation.invalid');
  }
}

function patternMessage(field: Field, t: Translate): string {
  const help = field?.description;
  return help ? t('validation.patternHint', { hint: help }) : t('validation.pattern');
}

/**
 * A server field error in the reader's language. The server names the rule behind each reason
 * (`rules`, class-validator's constraint names); its English reason stays in the error's details.
 * A field the server wants filled in a case the browser cannot know (e.g. remarks on a return) and
 * left empty says so; a reason without a rule (a check against the loan) says the field is refused.
 */
export function serverRuleMessage(
  rule: string | undefined,
  field: Field,
  empty: boolean,
  t: Translate,
): string {
  if (empty && rule !== 'whitelistValidation') return t('validation.requiredNow');
  switch (rule) {
    case undefined:
      return t('validation.refused');
    case 'isLength':
    case 'minLength':
    case 'maxLength':
      return field?.minLength !== undefined && field.maxLength !== undefined
        ? t('validation.length', { min: field.minLength, max: field.maxLength })
        : t('validation.lengthGeneric');
    case 'matches':
    case 'isDateString':
      return patternMessage(field, t);
    case 'isIn':
      return t('validation.enum');
    case 'equals':
      return t('validation.confirm');
    case 'arrayMinSize':
      return t('validation.minItems', { limit: field?.minItems ?? 1 });
    case 'min':
    case 'max':
      return t(`validation.${rule === 'min' ? 'minimum' : 'maximum'}`, {
        limit: rule === 'min' ? field?.minimum : field?.maximum,
      });
    default:
      return t(`validation.rules.${rule}`, { defaultValue: t('validation.invalid') });
  }
}
