import type { Role } from '@loanflow/domain';

/**
 * Personal financial information (个人金融信息) in what the engine carries, and how it is shown to
 * people who do not serve the customer. Masked the way Chinese banks mask on screen (JR/T
 * 0171-2020 §7.1.3: identity numbers and phone numbers partly hidden, account numbers showing only
 * their last digits); amounts about a person's finances and bureau data hidden whole.
 */
type PersonalKind = 'id-number' | 'phone' | 'name' | 'account' | 'finances' | 'address' | 'bureau';

/** By variable or field name, case-insensitive; the first rule that matches decides. */
const FIELD_RULES: readonly [RegExp, PersonalKind][] = [
  [/id_?numbers?$/i, 'id-number'],
  [/(phone|mobile|telephone)(number)?$/i, 'phone'],
  [
    /^(name|displayname|fullname)$|(applicant|guarantor|owner|payee|borrower|relative|customer|debtor)name$/i,
    'name',
  ],
  [/(account|accountno|accountnumber|cardno|cardnumber)$/i, 'account'],
  [/(income|incomes|debts?|debtpayments|salary|assets|liabilities)$/i, 'finances'],
  [/(address|employer|workplace)$/i, 'address'],
  [
    /^(bureau|bureaureport|creditreport|bureauscore|score|points|riskpoints|scorefactors)$/i,
    'bureau',
  ],
];

/** A mainland resident identity number: region, birth date, sequence, check character. */
const ID_NUMBER_IN_TEXT =
  /(?<![0-9A-Za-z])(\d{6})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/** A mainland mobile number. */
const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskIdNumber(value: string): string {
  return value.length >= 10
    ? `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`
    : '****';
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\s+/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

export function maskAccount(value: string): string {
  const digits = value.replace(/\s+/g, '');
  return digits.length > 4 ? `****${digits.slice(-4)}` : '****';
}

export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length === 0) return value;
  return `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)))}`;
}

/** Identity and mobile numbers written into free text (an error message, a description). */
export function maskPersonalText(text: string): string {
  return text
    .replace(ID_NUMBER_IN_TEXT, (match) => maskIdNumber(match))
    .replace(MOBILE_IN_TEXT, (_match, head: string, tail: string) => `${head}****${tail}`);
}

function kindOf(field: string): PersonalKind | null {
  return FIELD_RULES.find(([pattern]) => pattern.test(field))?.[1] ?? null;
}

function maskValue(kind: PersonalKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => maskValue(kind, item));
  if (kind === 'bureau' || kind === 'finances' || kind === 'address') return '***';
  if (typeof value !== 'string') return maskPersonalData(value);
  switch (kind) {
    case 'id-number':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'account':
      return maskAccount(value);
    case 'name':
      return maskName(value);
  }
}

/**
 * A copy of a variable's value with personal data masked: fields by name wherever they are nested,
 * identity and mobile numbers wherever they appear in text.
 */
export function maskPersonalData(value: unknown, field?: string): unknown {
  const kind = field ? kindOf(field) : null;
  if (kind) return maskValue(kind, value);
  if (typeof value === 'string') return maskPersonalText(value);
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        maskPersonalData(inner, key),
      ]),
    );
  return value;
}

/** The identifiers every answer of the API masks (C2 in JR/T 0171-2020), whoever reads it. */
const IDENTIFIER_KINDS: ReadonlySet<PersonalKind> = new Set(['id-number', 'phone', 'account']);

/**
 * A copy of an API answer with identity numbers, phone numbers and account numbers masked: by
 * field name wherever nested, and identity and mobile numbers written into text. Names, amounts
 * and the rest stay as they are (the access policy decides who reads them); the full identifier
 * only through an audited reveal.
 */
export function maskIdentifiers(value: unknown, field?: string): unknown {
  const kind = field ? kindOf(field) : null;
  if (kind && IDENTIFIER_KINDS.has(kind)) return maskValue(kind, value);
  if (typeof value === 'string') return maskPersonalText(value);
  if (Array.isArray(value)) return value.map((item) => maskIdentifiers(item));
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        maskIdentifiers(inner, key),
      ]),
    );
  return value;
}

/**
 * The posts that serve the customer and so may read their data in full, within their unit's
 * loans. Process designers and administrators run the engine, auditors examine the record: they
 * see the engine's data masked (the dossier and the audit trail are their evidence).
 */
export const CUSTOMER_SERVING_ROLES: readonly Role[] = [
  'customer-manager',
  'investigator',
  'reviewer',
  'approver',
  'center-manager',
  'committee-member',
  'mortgage-clerk',
  'disbursement-supervisor',
  'post-loan-officer',
  'collection-officer',
  'legal-officer',
  'risk-manager',
  'archive-officer',
];

export function servesCustomers(roles: readonly Role[]): boolean {
  return roles.some((role) => CUSTOMER_SERVING_ROLES.includes(role));
}

/** Metadata on a handler whose answer is a deliberate, audited reveal of full identifiers. */
export const REVEALS_PERSONAL_DATA = 'loanflow:reveals-personal-data';
