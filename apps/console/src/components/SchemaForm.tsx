import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../api';
import { rjsfTranslator } from '../forms/rjsfStrings';
import { fieldAt, schemaLanguage, uiSchemaFor } from '../forms/schemaLabels';
import { localizeErrors, serverRuleMessage } from '../forms/validationMessages';

// The schemas come from class-validator-jsonschema: keywords ajv does not know are not errors.
const validator = customizeValidator({ ajvOptionsOverrides: { strict: false } });

interface Props {
  schema: Record<string, unknown>;
  formData: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  onSubmit: (data: Record<string, unknown>) => void;
  /** Field errors the server returned (field `answer.remarks` -> remarks). */
  serverErrors: FieldError[];
  prefix?: string;
  disabled?: boolean;
  submitLabel: string;
}

/**
 * A task's form drawn from its JSON Schema: labels, help and messages in the reader's language
 * (from the schema's own labels), validated in the browser, the server's refusals on their fields.
 */
export function SchemaForm({
  schema,
  formData,
  onChange,
  onSubmit,
  serverErrors,
  prefix = 'answer.',
  disabled,
  submitLabel,
}: Props) {
  const { t, i18n } = useTranslation();
  const language = schemaLanguage(i18n.language);
  const withDefaults = useMemo(() => booleanDefaults(schema as RJSFSchema), [schema]);
  const uiSchema = useMemo<UiSchema>(
    () => ({
      ...uiSchemaFor(withDefaults, language),
      'ui:submitButtonOptions': { submitText: submitLabel },
    }),
    [withDefaults, language, submitLabel],
  );
  const translateString = useMemo(() => rjsfTranslator(t), [t]);
  const extraErrors = useMemo(
    () => toErrorSchema(serverErrors, prefix, withDefaults, formData, t),
    // The messages describe the answer that was sent: editing it does not rewrite them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [serverErrors, prefix, withDefaults, t],
  );
  return (
    <Form
      schema={withDefaults}
      uiSchema={uiSchema}
      formData={formData}
      validator={validator}
      extraErrors={extraErrors}
      translateString={translateString}
      showErrorList="top"
      noHtml5Validate
      experimental_defaultFormStateBehavior={{ arrayMinItems: { populate: 'requiredOnly' } }}
      focusOnFirstError
      disabled={disabled}
      onChange={(event) => onChange(event.formData as Record<string, unknown>)}
      transformErrors={(errors) =>
        localizeErrors(
          errors.filter((error) => !optionalAndEmpty(withDefaults, formData, error.property)),
          withDefaults,
          language,
          t,
        )
      }
      onSubmit={(event) =>
        onSubmit(withoutEmptyOptionals(withDefaults, event.formData as Record<string, unknown>))
      }
    />
  );
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) &&
    value.every((item) => item === undefined || item === null || item === ''));

/**
 * The schemas cannot say "required only when" (the server's conditional rules, e.g. questions only
 * when a review returns the file): an optional field left empty is not checked in the browser and
 * not sent; the server still applies its conditions and its field errors show on the fields.
 */
function optionalAndEmpty(
  schema: RJSFSchema,
  data: Record<string, unknown>,
  property?: string,
): boolean {
  const name = property?.replace(/^\./, '').split('.')[0];
  if (!name || (schema.required ?? []).includes(name)) return false;
  return isEmpty(data[name]);
}

function withoutEmptyOptionals(
  schema: RJSFSchema,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(([name]) => !optionalAndEmpty(schema, data, name)),
  );
}

/** An unticked checkbox is an answer (false), not a missing field. */
function booleanDefaults(schema: RJSFSchema): RJSFSchema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => [
      name,
      typeof property === 'object' && property.type === 'boolean' && property.default === undefined
        ? { ...property, default: false }
        : property,
    ]),
  );
  return { ...schema, properties };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The server's field errors on their fields (`answer.findings.0.reasons`), in the reader's words. */
function toErrorSchema(
  errors: FieldError[],
  prefix: string,
  schema: RJSFSchema,
  data: Record<string, unknown>,
  t: Translate,
): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    const path = error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
    const parts = path.split('.');
    const field = fieldAt(schema, path);
    const value = parts.reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      data,
    );
    const messages = error.reasons.map((_reason, index) =>
      serverRuleMessage(error.rules?.[index], field, isEmpty(value), t),
    );
    let node = root;
    for (const part of parts) node = (node[part] ??= {}) as Record<string, unknown>;
    node.__errors = [...new Set([...((node.__errors as string[]) ?? []), ...messages])];
  }
  return root as ErrorSchema;
}
