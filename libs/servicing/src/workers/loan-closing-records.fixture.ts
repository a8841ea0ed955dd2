import type { AuditAct } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import type { LoanEntity } from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { ClosingTransaction, LoanClosingRecords, RefundDue } from './loan-closing-records';

interface State {
  loans: Map<string, LoanEntity>;
  refunds: RefundDue[];
  audited: AuditAct[];
}

const copy = (state: State): State => ({
  loans: new Map([...state.loans].map(([id, loan]) => [id, { ...loan }])),
  refunds: [...state.refunds],
  audited: [...state.audited],
});

/** The register in memory for the closing steps (transactions as InMemoryTransactions). */
export class FakeLoanClosingRecords extends LoanClosingRecords {
  private readonly register = new InMemoryTransactions<State>(
    { loans: new Map(), refunds: [], audited: [] },
    copy,
  );
  /** What each loan's advance account holds, in yuan. */
  readonly held = new Map<string, string>();

  /** Adds the serviced loan of the fixtures, in the status given. */
  loanIn(status: LoanEntity['status'], over: Partial<LoanEntity> = {}): LoanEntity {
    const { loan } = servicedLoanRecords({ status, ...over });
    this.register.state.loans.set(loan.id, loan);
    return loan;
  }

  loan(id = LOAN): LoanEntity | undefined {
    return this.register.state.loans.get(id);
  }

  get refunds(): RefundDue[] {
    return this.register.state.refunds;
  }

  get audited(): AuditAct[] {
    return this.register.state.audited;
  }

  transaction<T>(work: (tx: ClosingTransaction) => Promise<T>): Promise<T> {
    return this.register.run((next) => work(this.inTransaction(next)));
  }

  private inTransaction(state: State): ClosingTransaction {
    const now = <T>(run: () => T): Promise<T> => Promise.resolve(run());
    return {
      lockLoan: (loanId) =>
        now(() => {
          const loan = state.loans.get(loanId);
          return loan ? { ...loan } : null;
        }),
      markSettled: (loanId, at) =>
        now(() => {
          const loan = state.loans.get(loanId);
          if (loan) Object.assign(loan, { status: 'settled', settledAt: at });
        }),
      advanceHeld: (loanId) => now(() => Money.parse(this.held.get(loanId) ?? '0')),
      oweRefund: (refund) => now(() => void state.refunds.push(refund)),
      archiveSettled: (loanId) =>
        now(() => {
          const loan = state.loans.get(loanId);
          if (loan?.status !== 'settled') return false;
          loan.status = 'archived';
          return true;
        }),
      audit: (act) => now(() => void state.audited.push(act)),
    };
  }
}
