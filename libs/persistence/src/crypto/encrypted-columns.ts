import { DataSource } from 'typeorm';
import { decryptField, encryptField, fieldKeys } from './field-crypto';

/**
 * The C2 columns encrypted at rest (JR/T 0171-2020: identity numbers, phone numbers, account
 * numbers, and the notices' recipients, which are phone numbers): table, primary key, column.
 * The associated data of each value is `table.column`.
 */
export const ENCRYPTED_COLUMNS: readonly [table: string, key: string[], column: string][] = [
  ['loan', ['id'], 'payee_account'],
  ['loan_party', ['id'], 'id_number'],
  ['loan_party', ['id'], 'phone'],
  ['loan_collateral', ['id'], 'owner_id_number'],
  ['loan_contract', ['id'], 'party_id_number'],
  ['credit_warning_list', ['id_number_index'], 'id_number'],
  ['bureau_report', ['loan_id'], 'id_number'],
  ['disbursement', ['loan_id'], 'payee_account'],
  ['loan_refund', ['id'], 'payee_account'],
  ['app_user', ['id'], 'id_number'],
  ['notification', ['id'], 'recipient'],
  ['user_relative', ['user_id', 'relative_id_number_index'], 'relative_id_number'],
];

/**
 * Encrypted columns of tables created after migration 1797950000000 (which reads the list above
 * and must not see tables it predates): free texts and form answers that may carry identifiers.
 */
export const LATER_ENCRYPTED_COLUMNS: readonly [table: string, key: string[], column: string][] = [
  ['loan_comment', ['id'], 'body'],
  ['task_draft', ['task_id'], 'answer'],
  ['complaint', ['id'], 'body'],
  ['complaint', ['id'], 'answer'],
  ['misconduct_report', ['id'], 'body'],
  ['misconduct_report_step', ['id'], 'note'],
  ['key_customer', ['id'], 'id_number'],
  ['key_customer', ['id'], 'name'],
  ['loan_change_request', ['id'], 'before_json'],
  ['loan_change_request', ['id'], 'after_json'],
  ['loan_change_request', ['id'], 'reason'],
  ['loan_change_request', ['id'], 'review_opinion'],
  ['repayment', ['id'], 'debit_account'],
  ['archive_entry', ['id'], 'note'],
  ['archive_lending', ['id'], 'purpose'],
  ['archive_inspection', ['id'], 'findings'],
  ['archive_handover', ['id'], 'note'],
  ['archive_valuable', ['id'], 'reference'],
  ['archive_valuable_movement', ['id'], 'reason'],
  ['threshold_crossing', ['id'], 'action_plan'],
  ['feed_check', ['id'], 'report'],
];

/**
 * After a rotation (a new active key), re-encrypts every value under an older key with the active
 * one, in batches, while the product runs (values under any key in the keyring stay readable the
 * whole time). Returns how many values were re-encrypted; retire an old key only once it is 0.
 */
export async function reencryptUnderActiveKey(
  dataSource: DataSource,
  batch = 500,
): Promise<number> {
  const active = fieldKeys().activeKey().id;
  let total = 0;
  for (const [table, key, column] of [...ENCRYPTED_COLUMNS, ...LATER_ENCRYPTED_COLUMNS]) {
    const keys = key.map((k) => `\`${k}\``).join(', ');
    for (;;) {
      const rows = await dataSource.query<(Record<string, string> & { value: string })[]>(
        `SELECT ${keys}, ${column} AS value FROM \`${table}\`
          WHERE ${column} LIKE 'enc:v1:%' AND ${column} NOT LIKE ? LIMIT ${batch}`,
        [`enc:v1:${active}:%`],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const aad = `${table}.${column}`;
        // Compare-and-set on the old value: a row changed meanwhile is left to the next batch.
        await dataSource.query(
          `UPDATE \`${table}\` SET ${column} = ? WHERE ${key.map((k) => `\`${k}\` = ?`).join(' AND ')} AND ${column} = ?`,
          [encryptField(aad, decryptField(aad, row.value)), ...key.map((k) => row[k]), row.value],
        );
        total++;
      }
    }
  }
  return total;
}
