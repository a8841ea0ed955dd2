import Ajv from 'ajv';
import { FORMS, formSchema } from './form-registry';
import type { JsonSchema } from './form-schema';
import { LANGUAGES } from './form-labels';

/** Every property of a schema with its path, nested objects and array items included. */
function* fields(schema: JsonSchema, path = ''): Generator<[string, JsonSchema]> {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    yield [`${path}${name}`, property];
    const inner = property.items ?? property;
    if (inner.properties) yield* fields(inner, `${path}${name}.`);
  }
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' ? [String(inner)] : refsIn(inner),
  );
}

const forms = [...FORMS.values()];
const ajv = new Ajv({ strict: false, allErrors: true });

describe('form schemas', () => {
  it('never asks the disbursement supervisor to attest what the system evaluates', () => {
    const schema = formSchema(FORMS.get('loanflow:disbursement-check')!) as JsonSchema;
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['decision', 'remarks']);
    expect(schema.required).toEqual(['decision']);
  });

  it.each(forms.map((form) => [form.key, form]))(
    '%s resolves every $ref and compiles',
    (_key, form) => {
      const schema = formSchema(form) as JsonSchema;
      const definitions = (schema.definitions ?? {}) as Record<string, unknown>;
      const unresolved = refsIn(schema).filter(
        (ref) => !(ref.startsWith('#/definitions/') && ref.slice(14) in definitions),
      );
      expect(unresolved).toEqual([]);
      expect(() => ajv.compile(schema)).not.toThrow();
    },
  );

  it.each(forms.map((form) => [form.key, form]))(
    '%s labels every field and every value in both languages',
    (_key, form) => {
      const problems: string[] = [];
      for (const [path, property] of fields(formSchema(form) as JsonSchema)) {
        const i18n = property['x-i18n'];
        if (!i18n) {
          problems.push(`${path}: no x-i18n`);
          continue;
        }
        if (property.title !== i18n.zh.title)
          problems.push(`${path}: title is not the Chinese one`);
        const values = property.enum ?? property.items?.enum ?? [];
        for (const language of LANGUAGES) {
          if (!i18n[language]?.title) problems.push(`${path}: no ${language} title`);
          for (const value of values)
            if (
              !i18n[language].enumLabels?.[String(value)] &&
              !(value === true && values.length === 1)
            )
              problems.push(`${path}: no ${language} label for ${String(value)}`);
        }
        // A boolean offered as a choice names both answers.
        const choice = property.type === 'boolean' && i18n.zh.enumLabels;
        if (choice && !('true' in choice && 'false' in choice))
          problems.push(`${path}: a boolean choice needs labels for true and false`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('inlines the nested contracts and findings, so that the browser checks them too', () => {
    const signing = formSchema(FORMS.get('loanflow:contract-signing')!) as JsonSchema;
    const contracts = signing.properties!.guaranteeContracts;
    expect(contracts.items!.properties!.contractNo['x-i18n']!.zh.title).toBe('保证合同编号');
    expect(contracts.items!.required).toEqual(['guarantorIdNumber', 'contractNo']);
    const validate = ajv.compile(signing);
    const answer = {
      loanContractNo: 'HT-2026-000123',
      borrowerSigned: true,
      signedOn: '2026-11-23',
      guaranteeContracts: [
        { guarantorIdNumber: '33010619900101123X', contractNo: 'HT-2026-000124' },
      ],
    };
    expect(validate(answer)).toBe(true);
    expect(validate({ ...answer, guaranteeContracts: [{ contractNo: 'x' }] })).toBe(false);

    const accountability = formSchema(FORMS.get('loanflow:accountability-decision')!) as JsonSchema;
    expect(
      accountability.properties!.findings.items!.properties!.decision['x-i18n']!.zh.enumLabels,
    ).toEqual({ exempt: '尽职免责', responsible: '认定责任' });
  });
});
