import type { RJSFSchema, UiSchema } from '@rjsf/utils';

/**
 * The api's form schemas carry every field's labels in both languages (`x-i18n`, see
 * libs/tasks/src/forms/form-registry.ts): the console shows the reader's, never a field's key.
 */
export type SchemaLanguage = 'zh' | 'en';

export interface FieldLabels {
  title: string;
  help?: string;
  enumLabels?: Record<string, string>;
}

type Property = RJSFSchema & { 'x-i18n'?: Partial<Record<SchemaLanguage, FieldLabels>> };

export const schemaLanguage = (language: string): SchemaLanguage =>
  language.startsWith('zh') ? 'zh' : 'en';

export function labelsOf(property: unknown, language: SchemaLanguage): FieldLabels | undefined {
  if (!property || typeof property !== 'object') return undefined;
  const i18n = (property as Property)['x-i18n'];
  return i18n?.[language] ?? i18n?.zh;
}

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** Titles, help and option labels in the reader's language; widgets chosen by the field's shape. */
export function uiSchemaFor(schema: RJSFSchema, language: SchemaLanguage): UiSchema {
  const ui: UiSchema = {};
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    if (typeof property === 'object') ui[name] = fieldUi(property, language);
  return ui;
}

function fieldUi(property: Property, language: SchemaLanguage): UiSchema {
  const labels = labelsOf(property, language);
  const ui: UiSchema = {};
  if (labels) ui['ui:title'] = labels.title;
  if (labels?.help) ui['ui:description'] = labels.help;
  const names = (values: unknown[]) =>
    values.map((v) => labels?.enumLabels?.[String(v)] ?? String(v));
  if (Array.isArray(property.enum)) ui['ui:enumNames'] = names(property.enum);
  if (property.type === 'boolean' && labels?.enumLabels) {
    // A decision (approve or refuse) is a choice between two named answers, not a tick box.
    ui['ui:widget'] = 'radio';
    ui['ui:enumNames'] = names([true, false]);
  }
  if (property.type === 'string' && !property.enum) {
    if (property.pattern === DATE_PATTERN) ui['ui:widget'] = 'date';
    else if ((property.maxLength ?? 0) > 200) ui['ui:widget'] = 'textarea';
  }
  const items = property.items as Property | undefined;
  if (property.type === 'array' && items && typeof items === 'object') {
    ui['ui:options'] = { orderable: false };
    if (Array.isArray(items.enum)) {
      ui['ui:widget'] = 'checkboxes';
      ui.items = { 'ui:enumNames': names(items.enum) };
    } else if (items.type === 'object') {
      ui.items = uiSchemaFor(items, language);
    } else {
      ui.items = { 'ui:title': labels?.title, 'ui:label': false };
    }
  }
  return ui;
}

/** The schema of the field at an rjsf property path (`.findings.0.reasons`), or undefined. */
export function fieldAt(schema: RJSFSchema, path: string | undefined): Property | undefined {
  let node: Property | undefined = schema;
  for (const part of (path ?? '').split('.').filter(Boolean)) {
    if (!node) return undefined;
    if (/^\d+$/.test(part)) node = node.items as Property | undefined;
    else node = node.properties?.[part] as Property | undefined;
  }
  return node === schema ? undefined : node;
}
