/**
 * What a person reads about one field of a form, in one language. `enumLabels` names each allowed
 * value (for an array, each item's value; for a boolean offered as a choice, 'true' and 'false').
 */
export interface FieldLabels {
  title: string;
  help?: string;
  enumLabels?: Record<string, string>;
}

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A form DTO's labels, one pair [zh, en] for every one of its fields (the type insists), as the
 * class annotation `@JSONSchema(formLabels<Dto>({ … }))`: class-validator-jsonschema merges it into
 * the class's schema, so each property gets `'x-i18n': { zh, en }` (form-registry.ts). Annotating
 * the class leaves the fields' validation lines untouched.
 */
export function formLabels<T extends object>(fields: {
  [K in keyof T]-?: [zh: FieldLabels, en: FieldLabels];
}): { properties: Record<string, { 'x-i18n': Record<Language, FieldLabels> }> } {
  const properties = Object.fromEntries(
    Object.entries(fields as Record<string, [FieldLabels, FieldLabels]>).map(([name, [zh, en]]) => [
      name,
      { 'x-i18n': { zh, en } },
    ]),
  );
  return { properties };
}

/** Labels several forms share, so that one value reads the same everywhere. */
export const WARNING_LEVEL_LABELS = {
  zh: { none: '无需预警', yellow: '黄色预警', orange: '橙色预警', red: '红色预警' },
  en: {
    none: 'No warning',
    yellow: 'Yellow warning',
    orange: 'Orange warning',
    red: 'Red warning',
  },
};

export const LOAN_CLASS_LABELS = {
  zh: {
    normal: '正常',
    'special-mention': '关注',
    substandard: '次级',
    doubtful: '可疑',
    loss: '损失',
  },
  en: {
    normal: 'Normal',
    'special-mention': 'Special mention',
    substandard: 'Substandard',
    doubtful: 'Doubtful',
    loss: 'Loss',
  },
};

export const APPROVED_LABELS = {
  zh: { true: '批准', false: '不批准' },
  en: { true: 'Approve', false: 'Refuse' },
};

/** A yes/no decision with its reasons (`approved`, `reasons`): the labels every such form shows. */
export const DECISION_WITH_REASONS_LABELS: {
  approved: [FieldLabels, FieldLabels];
  reasons: [FieldLabels, FieldLabels];
} = {
  approved: [
    { title: '审批结论', enumLabels: APPROVED_LABELS.zh },
    { title: 'Decision', enumLabels: APPROVED_LABELS.en },
  ],
  reasons: [
    { title: '理由', help: '至少 10 个字' },
    { title: 'Reasons', help: 'At least 10 characters' },
  ],
};

export const DATE_HELP = {
  zh: '格式：年-月-日，如 2026-11-23',
  en: 'Format YYYY-MM-DD, e.g. 2026-11-23',
};
export const AMOUNT_HELP = {
  zh: '以元为单位，最多两位小数，如 18000.00',
  en: 'In yuan, at most two decimals, e.g. 18000.00',
};
export const RATE_HELP = {
  zh: '以小数填写年利率，如 0.0435 即 4.35%',
  en: 'The annual rate as a decimal fraction, e.g. 0.0435 for 4.35%',
};
