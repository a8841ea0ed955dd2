import { DataSource } from 'typeorm';
import {
  heldInAdvance,
  Money,
  ServicedLoanFact,
  TrialBalanceProblem,
  trialBalanceProblems,
} from '@loanflow/domain';
import { LoanRefundEntity, RepaymentEntity } from '@loanflow/persistence';
import { StoredAllocationLine } from '../repayments/loan-ledger';

export interface LedgerVerdict {
  transactions: number;
  accounts: number;
  loans: number;
  problems: TrialBalanceProblem[];
}

const minor = (value: string | number | null) => Money.ofMinor(String(value ?? 0));

/**
 * `loanflow ledger verify`: the trial balance recomputed from the ledger and the loans' records.
 * Every transaction and every account (a bank-wide one's balance with its slots) is checked; each
 * loan that was paid out is checked against its servicing position (receivable = outstanding
 * principal, less a write-off, plus recoveries) and its payments (advance account = applied
 * payments' money received and not applied, less refunds; suspense = payments awaiting
 * confirmation).
 */
export async function verifyLedger(dataSource: DataSource): Promise<LedgerVerdict> {
  const [transactions, accounts, loans] = await Promise.all([
    dataSource.query<{ txnId: string; net: string }[]>(
      `SELECT txn_id AS txnId, CAST(SUM(IF(side = 'debit', amount_minor, -amount_minor)) AS CHAR) AS net
         FROM ledger_entry GROUP BY txn_id`,
    ),
    // An account's balance is its row plus, for a bank-wide one, its slots; a slot of no account is
    // listed too (its balance then differs from its entries unless both are zero).
    dataSource.query<{ code: string; balance: string; entries: string }[]>(
      `SELECT c.code,
              CAST(COALESCE(a.balance_minor, 0) + COALESCE(s.slots, 0) AS CHAR) AS balance,
              CAST(COALESCE(e.net, 0) AS CHAR) AS entries
         FROM (SELECT code FROM ledger_account UNION SELECT account_code FROM ledger_balance_slot) c
         LEFT JOIN ledger_account a ON a.code = c.code
         LEFT JOIN (SELECT account_code, SUM(balance_minor) AS slots
                      FROM ledger_balance_slot GROUP BY account_code) s ON s.account_code = c.code
         LEFT JOIN (SELECT account_code, SUM(IF(side = 'debit', amount_minor, -amount_minor)) AS net
                      FROM ledger_entry GROUP BY account_code) e ON e.account_code = c.code`,
    ),
    servicedLoans(dataSource),
  ]);
  return {
    transactions: transactions.length,
    accounts: accounts.length,
    loans: loans.length,
    problems: trialBalanceProblems({
      transactions: transactions.map((t) => ({ txnId: t.txnId, net: minor(t.net) })),
      accounts: accounts.map((a) => ({
        code: a.code,
        balance: minor(a.balance),
        entries: minor(a.entries),
      })),
      loans,
    }),
  };
}

/** Every loan paid out through core banking, with its position and its payments. */
async function servicedLoans(dataSource: DataSource): Promise<ServicedLoanFact[]> {
  const rows = await dataSource.query<
    { loanId: string; outstanding: string; writtenOff: string }[]
  >(
    `SELECT d.loan_id AS loanId,
            CAST(COALESCE(SUM(i.principal_minor - i.principal_paid_minor), 0) AS CHAR) AS outstanding,
            CAST(COALESCE(MAX(w.principal_minor), 0) AS CHAR) AS writtenOff
       FROM disbursement d
       JOIN loan l ON l.id = d.loan_id
       JOIN loan_installment i ON i.loan_id = d.loan_id
       LEFT JOIN loan_write_off w ON w.loan_id = d.loan_id
      GROUP BY d.loan_id`,
  );
  const facts: ServicedLoanFact[] = [];
  for (const row of rows) {
    const [payments, refunds] = await Promise.all([
      dataSource.getRepository(RepaymentEntity).findBy({ loanId: row.loanId }),
      dataSource.getRepository(LoanRefundEntity).findBy({ loanId: row.loanId, state: 'paid' }),
    ]);
    const lines = (payment: RepaymentEntity) =>
      JSON.parse(payment.allocationJson) as StoredAllocationLine[];
    const sum = (amounts: Money[]) => amounts.reduce((total, a) => total.plus(a), Money.zero());
    const applied = payments.filter((payment) => payment.state === 'applied');
    facts.push({
      loanId: row.loanId,
      outstandingPrincipal: minor(row.outstanding),
      writtenOffPrincipal: minor(row.writtenOff),
      recoveredPrincipal: sum(
        applied
          .filter((payment) => payment.kind === 'recovery')
          .flatMap((payment) => lines(payment))
          .filter((line) => line.category === 'principal')
          .map((line) => Money.parse(line.amount)),
      ),
      heldInAdvance: heldInAdvance(
        applied.map((payment) => ({
          received: payment.channel === 'advance' ? Money.zero() : minor(payment.amountMinor),
          applied: sum(lines(payment).map((line) => Money.parse(line.amount))),
        })),
        sum(refunds.map((refund) => minor(refund.amountMinor))),
      ),
      heldInSuspense: sum(
        payments
          .filter((payment) => payment.state === 'pending')
          .map((payment) => minor(payment.amountMinor)),
      ),
    });
  }
  return facts;
}
