import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../api';

// The schemas come from class-validator-jsonschema: keywords ajv does not know are not errors.
const validator = customizeValidator({ ajvOptionsOverrides: { strict: false } });

interface Props {
  schema: Record<string, unknown>;
  formData: Record<string, unknown>;
  onChange(data: Record<string, unknown>): void;
  onSubmit(data: Record<string, unknown>): void;
  /** Field errors the server returned (field `answer.remarks` -> remarks). */
  serverErrors: FieldError[];
  prefix?: string;
  disabled?: boolean;
  submitLabel: string;
}

/** A task's form drawn from its JSON Schema: labels through i18n, validated in the browser. */
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
  const { t } = useTranslation();
  const withDefaults = useMemo(() => booleanDefaults(schema as RJSFSchema), [schema]);
  const uiSchema = useMemo(
    () => buildUiSchema(schema as RJSFSchema, t, submitLabel),
    [schema, t, submitLabel],
  );
  const extraErrors = useMemo(() => toErrorSchema(serverErrors, prefix), [serverErrors, prefix]);
  return (
    <Form
      schema={withDefaults}
      uiSchema={uiSchema}
      formData={formData}
      validator={validator}
      extraErrors={extraErrors}
      showErrorList="top"
      noHtml5Validate
      experimental_defaultFormStateBehavior={{ arrayMinItems: { populate: 'requiredOnly' } }}
      focusOnFirstError
      disabled={disabled}
      onChange={(event) => onChange(event.formData as Record<string, unknown>)}
      transformErrors={(errors) =>
        errors.filter((error) => !optionalAndEmpty(withDefaults, formData, error.property))
      }
      onSubmit={(event) =>
        onSubmit(withoutEmptyOptionals(withDefaults, event.formData as Record<string, unknown>))
      }
    />
  );
}

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
  const value = data[name];
  return (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) &&
      value.every((item) => item === undefined || item === null || item === ''))
  );
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

function buildUiSchema(schema: RJSFSchema, t: Translate, submitLabel: string): UiSchema {
  const ui: UiSchema = { 'ui:submitButtonOptions': { submitText: submitLabel } };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (typeof property !== 'object') continue;
    const field: UiSchema = { 'ui:title': t(`fields.${name}`, { defaultValue: name }) };
    if (property.type === 'string' && !property.enum && (property.maxLength ?? 0) > 200)
      field['ui:widget'] = 'textarea';
    if (Array.isArray(property.enum))
      field['ui:enumNames'] = property.enum.map((value) =>
        t(`enums.${String(value)}`, { defaultValue: String(value) }),
      );
    ui[name] = field;
  }
  return ui;
}

function toErrorSchema(errors: FieldError[], prefix: string): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    const path = error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
    let node = root;
    for (const part of path.split('.')) node = (node[part] ??= {}) as Record<string, unknown>;
    node.__errors = [...((node.__errors as string[]) ?? []), ...error.reasons];
  }
  return root as ErrorSchema;
}
