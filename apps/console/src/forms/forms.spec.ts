import type { RJSFSchema } from '@rjsf/utils';
import { en } from '../locales/en';
import { zh } from '../locales/zh';
import { fieldAt, uiSchemaFor } from './schemaLabels';
import { localizeErrors, serverRuleMessage } from './validationMessages';
import { textOf } from '../text';

/** A schema as the api returns it (libs/tasks/src/forms: labels in x-i18n). */
const schema = {
  type: 'object',
  required: ['decision', 'notes'],
  properties: {
    decision: {
      type: 'string',
      enum: ['close', 'escalate'],
      'x-i18n': {
        zh: { title: '复核结论', enumLabels: { close: '解除预警', escalate: '升级预警' } },
        en: { title: 'Decision', enumLabels: { close: 'Close', escalate: 'Escalate' } },
      },
    },
    approved: {
      type: 'boolean',
      'x-i18n': {
        zh: { title: '审批结论', enumLabels: { true: '批准', false: '不批准' } },
        en: { title: 'Decision', enumLabels: { true: 'Approve', false: 'Refuse' } },
      },
    },
    deadline: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: '格式：年-月-日',
      'x-i18n': { zh: { title: '整改期限', help: '格式：年-月-日' }, en: { title: 'Deadline' } },
    },
    measures: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: ['early-recall'] },
      'x-i18n': {
        zh: { title: '应急措施', enumLabels: { 'early-recall': '提前收回贷款' } },
        en: { title: 'Measures', enumLabels: { 'early-recall': 'Early recall' } },
      },
    },
    notes: {
      type: 'string',
      minLength: 10,
      maxLength: 4000,
      'x-i18n': { zh: { title: '依据' }, en: { title: 'Grounds' } },
    },
  },
} as RJSFSchema;

/** i18next's interpolation, enough for the messages under test. */
const translator =
  (resources: object) =>
  (key: string, options: Record<string, unknown> = {}) => {
    const text = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], resources);
    if (typeof text !== 'string') return textOf(options.defaultValue, key);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  };

describe('task forms in the reader’s language', () => {
  it('labels fields, options and answers from the schema, with widgets by shape', () => {
    const ui = uiSchemaFor(schema, 'zh');
    expect(ui.decision).toMatchObject({
      'ui:title': '复核结论',
      'ui:enumNames': ['解除预警', '升级预警'],
    });
    expect(ui.approved).toMatchObject({ 'ui:widget': 'radio', 'ui:enumNames': ['批准', '不批准'] });
    expect(ui.deadline).toMatchObject({ 'ui:widget': 'date', 'ui:description': '格式：年-月-日' });
    expect(ui.measures).toMatchObject({
      'ui:widget': 'checkboxes',
      items: { 'ui:enumNames': ['提前收回贷款'] },
    });
    expect(uiSchemaFor(schema, 'en').notes).toMatchObject({ 'ui:title': 'Grounds' });
  });

  it('says the browser’s checks in Chinese, with the field’s label', () => {
    const [short, missing, pattern] = localizeErrors(
      [
        { name: 'minLength', property: '.notes', params: { limit: 10 }, stack: '' },
        {
          name: 'required',
          property: '.decision',
          params: { missingProperty: 'decision' },
          stack: '',
        },
        { name: 'pattern', property: '.deadline', params: {}, stack: '' },
      ],
      schema,
      'zh',
      translator(zh),
    );
    expect(short).toMatchObject({ message: '至少填写 10 个字', stack: '依据：至少填写 10 个字' });
    expect(missing?.message).toBe(zh.validation.required);
    expect(pattern?.message).toBe('格式不正确（格式：年-月-日）');
  });

  it('says the server’s rules in the reader’s language, by the rule it names', () => {
    const t = translator(zh);
    expect(serverRuleMessage('isLength', fieldAt(schema, 'notes'), false, t)).toBe(
      '须填写 10 到 4000 个字',
    );
    expect(serverRuleMessage('isString', fieldAt(schema, 'notes'), true, t)).toBe(
      zh.validation.requiredNow,
    );
    expect(serverRuleMessage('recommendationNeedsChecks', undefined, false, t)).toBe(
      zh.validation.rules.recommendationNeedsChecks,
    );
    expect(serverRuleMessage(undefined, undefined, false, translator(en))).toBe(
      en.validation.refused,
    );
  });
});
