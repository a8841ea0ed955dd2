import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { keptPositionsDisagreeing } from '@loanflow/monitoring';
import { buildDataSourceOptions } from '@loanflow/persistence';

/**
 * The kept positions (loan_position) follow a loan's installments on every kind of write, because
 * triggers keep them: a schedule inserted, a payment applied (one row or many in one statement), a
 * payment reversed, a schedule replaced (rows deleted and inserted), the loan reclassified, moved
 * or written off, the loan deleted.
 */
describe('loan_position, kept by the installments’ triggers', () => {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const LOAN = `POS-${tag}`;
  let dataSource: DataSource;

  const position = async () => {
    const rows: { outstanding: string; first_unpaid: string | null }[] = await dataSource.query(
      `SELECT CAST(outstanding_principal_minor AS CHAR) AS outstanding, first_unpaid_due_date AS first_unpaid
         FROM loan_position WHERE loan_id = ?`,
      [LOAN],
    );
    return rows.length === 0 ? null : [rows[0].outstanding, rows[0].first_unpaid];
  };

  const installment = (number: number, dueDate: string, principal: number, interest: number) =>
    dataSource.query(
      `INSERT INTO loan_installment (loan_id, number, due_date, payment_minor, principal_minor,
         interest_minor, balance_minor, principal_paid_minor, interest_paid_minor)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)`,
      [LOAN, number, dueDate, principal + interest, principal, interest],
    );

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    await dataSource.query(
      `INSERT INTO loan (id, branch_code, customer_manager, product, guarantee_type, payment_method,
         repayment_method, purpose, requested_amount_minor, requested_term_months, status, documents,
         classification)
       VALUES (?, 'BR-HZ', 'li.cm', 'consumer', 'credit', 'entrusted', 'equal-principal',
               'positions spec', 300000, 3, 'disbursed', '[]', 'normal')`,
      [LOAN],
    );
  });

  afterAll(async () => {
    await dataSource.query('DELETE FROM loan_installment WHERE loan_id = ?', [LOAN]);
    await dataSource.query('DELETE FROM loan WHERE id = ?', [LOAN]);
    await dataSource.destroy();
  });

  it('adds each installment of a schedule as it is inserted', async () => {
    expect(await position()).toBeNull();
    await installment(1, '2026-02-10', 100_000, 2_000);
    await installment(3, '2026-04-10', 100_000, 1_000);
    await installment(2, '2026-03-10', 100_000, 1_500);
    expect(await position()).toEqual(['300000', '2026-02-10']);
  });

  it('moves the earliest unpaid date when an installment is paid, and back when a payment is reversed', async () => {
    // Principal paid, interest not: still something owed on #1.
    await dataSource.query(
      'UPDATE loan_installment SET principal_paid_minor = 100000 WHERE loan_id = ? AND number = 1',
      [LOAN],
    );
    expect(await position()).toEqual(['200000', '2026-02-10']);
    await dataSource.query(
      'UPDATE loan_installment SET interest_paid_minor = 2000 WHERE loan_id = ? AND number = 1',
      [LOAN],
    );
    expect(await position()).toEqual(['200000', '2026-03-10']);
    // Two installments paid in one statement.
    await dataSource.query(
      `UPDATE loan_installment SET principal_paid_minor = principal_minor, interest_paid_minor = interest_minor
        WHERE loan_id = ? AND number IN (2, 3)`,
      [LOAN],
    );
    expect(await position()).toEqual(['0', null]);
    await dataSource.query(
      'UPDATE loan_installment SET principal_paid_minor = 40000 WHERE loan_id = ? AND number = 2',
      [LOAN],
    );
    expect(await position()).toEqual(['60000', '2026-03-10']);
  });

  it('follows a schedule replaced by deleting and inserting its rows, and drops a loan with none', async () => {
    await dataSource.query('DELETE FROM loan_installment WHERE loan_id = ? AND number >= 2', [
      LOAN,
    ]);
    expect(await position()).toEqual(['0', null]);
    await installment(2, '2026-05-10', 150_000, 900);
    expect(await position()).toEqual(['150000', '2026-05-10']);
    expect(await keptPositionsDisagreeing(dataSource)).not.toContain(LOAN);
    await dataSource.query('DELETE FROM loan_installment WHERE loan_id = ?', [LOAN]);
    expect(await position()).toBeNull();
  });

  it('carries the loan’s status, classification and branch as they change', async () => {
    await installment(1, '2026-02-10', 100_000, 2_000);
    const loanColumns = async () =>
      (
        await dataSource.query<Record<string, unknown>[]>(
          'SELECT status, classification, branch_code FROM loan_position WHERE loan_id = ?',
          [LOAN],
        )
      )[0];
    expect(await loanColumns()).toEqual({
      status: 'disbursed',
      classification: 'normal',
      branch_code: 'BR-HZ',
    });
    await dataSource.query(
      `UPDATE loan SET classification = 'substandard', branch_code = 'BR-NB' WHERE id = ?`,
      [LOAN],
    );
    await dataSource.query(`UPDATE loan SET status = 'written-off' WHERE id = ?`, [LOAN]);
    expect(await loanColumns()).toEqual({
      status: 'written-off',
      classification: 'substandard',
      branch_code: 'BR-NB',
    });
    await dataSource.query(
      `UPDATE loan SET status = 'disbursed', classification = 'normal', branch_code = 'BR-HZ' WHERE id = ?`,
      [LOAN],
    );
    await dataSource.query('DELETE FROM loan_installment WHERE loan_id = ?', [LOAN]);
  });

  it('finds a position that was changed behind the triggers’ back', async () => {
    await installment(1, '2026-02-10', 100_000, 2_000);
    await dataSource.query(
      `UPDATE loan_position SET outstanding_principal_minor = 1, classification = 'loss'
        WHERE loan_id = ?`,
      [LOAN],
    );
    expect(await keptPositionsDisagreeing(dataSource, 100_000)).toContain(LOAN);
    // Any write to the loan's installments recomputes it.
    await dataSource.query(
      'UPDATE loan_installment SET interest_paid_minor = 0 WHERE loan_id = ?',
      [LOAN],
    );
    expect(await position()).toEqual(['100000', '2026-02-10']);
    const [{ classification }] = await dataSource.query<{ classification: string }[]>(
      'SELECT classification FROM loan_position WHERE loan_id = ?',
      [LOAN],
    );
    expect(classification).toBe('normal');
    expect(await keptPositionsDisagreeing(dataSource, 100_000)).not.toContain(LOAN);
  });
});
