import { MigrationInterface, QueryRunner } from 'typeorm';
import { ENCRYPTED_COLUMNS as ENCRYPTED } from '../crypto/encrypted-columns';
import { blindIndex, encryptField, isEncrypted } from '../crypto/field-crypto';

const BATCH = 500;

/**
 * Personal data at rest: identity numbers, phone numbers and account numbers encrypted
 * (AES-256-GCM under the key file or KMS the product is configured with), and blind indexes for
 * the look-ups by ID number (the credit warning list, a staff member's declared relatives, a loan's
 * parties). Existing rows are encrypted in batches; a row already encrypted is left alone, so the
 * migration can be re-run after an interruption.
 */
export class EncryptPersonalData1797950000000 implements MigrationInterface {
  name = 'EncryptPersonalData1797950000000';

  async up(q: QueryRunner): Promise<void> {
    // Blind index columns, filled from the plain values before anything is encrypted.
    await q.query(`ALTER TABLE loan_party ADD COLUMN id_number_index CHAR(64) NULL`);
    await q.query(`ALTER TABLE credit_warning_list ADD COLUMN id_number_index CHAR(64) NULL`);
    await q.query(`ALTER TABLE user_relative ADD COLUMN relative_id_number_index CHAR(64) NULL`);
    for (const [table, column, indexColumn] of [
      ['loan_party', 'id_number', 'id_number_index'],
      ['credit_warning_list', 'id_number', 'id_number_index'],
      ['user_relative', 'relative_id_number', 'relative_id_number_index'],
    ]) {
      const rows = (await q.query(`SELECT DISTINCT ${column} AS value FROM ${table}`)) as {
        value: string;
      }[];
      for (const { value } of rows)
        await q.query(`UPDATE ${table} SET ${indexColumn} = ? WHERE ${column} = ?`, [
          blindIndex('id-number', value),
          value,
        ]);
    }
    await q.query(`ALTER TABLE loan_party MODIFY id_number_index CHAR(64) NOT NULL,
      DROP INDEX uq_loan_party, DROP INDEX ix_loan_party_id_number,
      ADD UNIQUE KEY uq_loan_party (loan_id, role, id_number_index),
      ADD KEY ix_loan_party_id_number (id_number_index)`);
    await q.query(`ALTER TABLE credit_warning_list MODIFY id_number_index CHAR(64) NOT NULL,
      DROP PRIMARY KEY, ADD PRIMARY KEY (id_number_index)`);
    await q.query(`ALTER TABLE user_relative MODIFY relative_id_number_index CHAR(64) NOT NULL,
      DROP PRIMARY KEY, ADD PRIMARY KEY (user_id, relative_id_number_index)`);

    for (const [table, key, column] of ENCRYPTED) {
      const nullable = ['loan', 'loan_refund', 'app_user'].includes(table) ? 'NULL' : 'NOT NULL';
      await q.query(`ALTER TABLE \`${table}\` MODIFY ${column} VARCHAR(255) ${nullable}`);
      const keys = key.map((k) => `\`${k}\``).join(', ');
      for (;;) {
        const rows = (await q.query(
          `SELECT ${keys}, ${column} AS value FROM \`${table}\`
            WHERE ${column} IS NOT NULL AND ${column} <> '' AND ${column} NOT LIKE 'enc:v1:%'
            LIMIT ${BATCH}`,
        )) as (Record<string, string> & { value: string })[];
        if (rows.length === 0) break;
        for (const row of rows) {
          if (isEncrypted(row.value)) continue;
          await q.query(
            `UPDATE \`${table}\` SET ${column} = ? WHERE ${key.map((k) => `\`${k}\` = ?`).join(' AND ')}`,
            [encryptField(`${table}.${column}`, row.value), ...key.map((k) => row[k])],
          );
        }
      }
    }
  }

  down(): Promise<void> {
    // Decrypting back to plain text would undo the protection: restore from a backup instead.
    return Promise.reject(new Error('EncryptPersonalData cannot be undone by a migration'));
  }
}
