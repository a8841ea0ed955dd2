import type { AuditAct } from '@loanflow/audit';
import type { PublishRequest, ZeebeClient } from '@loanflow/workflow';
import type { CollectionBands } from '../collection/collection-bands';
import { AppliedAmount, Money, ServicingLedger } from '@loanflow/domain';
import type { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';
import type { LoanRequestKind, LoanRequests } from './loan-request-records';
import { copyRows, LOAN, Rows, servicedLoanRecords } from './loan-request-records.fixture';
import {
  ClassificationChange,
  DecisionTransaction,
  LoanRequestDecisionRecords,
  NewRepayment,
  RevisedInstallment,
} from './request-decision-records';

/** The engine's moment of a step: 10:00 in Beijing on 7 April 2026, a week before the first due date. */
export const AS_OF = '2026-04-07T02:00:00.000Z';
export const AT = new Date(AS_OF);
/** 10:00 in Beijing on 20 April 2026: the first installment, due on the 15th, is unpaid. */
export const OVERDUE = '2026-04-20T02:00:00.000Z';

/** An installment as the fake register holds it: its amounts and what was paid of it. */
export interface FakeInstallment extends RevisedInstallment {
  loanId: string;
  principalPaid: Money;
  interestPaid: Money;
}

/** A ledger entry as posted, the amount as a decimal string. */
export interface FakeLedgerEntry {
  txnId: string;
  loanId: string;
  memo: string;
  account: string;
  side: 'debit' | 'credit';
  amount: string;
}

interface State {
  loans: Map<string, LoanEntity>;
  parties: LoanPartyEntity[];
  requests: Rows;
  installments: FakeInstallment[];
  history: (FakeInstallment & { replacedBy: string; replacedAt: Date })[];
  repayments: (NewRepayment & { id: string })[];
  entries: FakeLedgerEntry[];
  classified: ClassificationChange[];
  audited: AuditAct[];
}

const copyState = (state: State): State => ({
  loans: new Map([...state.loans].map(([id, loan]) => [id, { ...loan }])),
  parties: state.parties.map((party) => ({ ...party })),
  requests: copyRows(state.requests),
  installments: state.installments.map((row) => ({ ...row })),
  history: state.history.map((row) => ({ ...row })),
  repayments: state.repayments.map((row) => ({ ...row })),
  entries: state.entries.map((row) => ({ ...row })),
  classified: [...state.classified],
  audited: [...state.audited],
});

type Step = keyof DecisionTransaction;

/**
 * The register as the workers deciding requests on a running loan see it, in memory. Each call
 * in a transaction is logged by name. A transaction works on copies that replace the register's
 * rows only when its work returns: a failure inside it (`failAt`) leaves the register as it was.
 * An unbalanced ledger transaction is refused as the ledger refuses it. A classification is kept
 * as the change asked for (its rows and trail entry are the SQL's, proven by the integration
 * specs).
 */
export class FakeLoanRequestDecisionRecords extends LoanRequestDecisionRecords {
  private state: State = {
    loans: new Map(),
    parties: [],
    requests: { change: [], restructuring: [], prepayment: [] },
    installments: [],
    history: [],
    repayments: [],
    entries: [],
    classified: [],
    audited: [],
  };
  /** Loans whose payout core banking recorded. */
  readonly paidOutLoans = new Set<string>();
  /** Loans under observation after an earlier restructuring. */
  readonly observedLoans = new Set<string>();
  readonly calls: string[] = [];
  /** The step of a transaction that fails with this error (each time it is called). */
  failAt: { step: Step; error: Error } | null = null;
  private lastId = 900;

  /** Puts the loan being serviced on the register: 120,000.00 over 24 months from 15 March 2026. */
  servicedLoan(over: Partial<LoanEntity> = {}): LoanEntity {
    const { loan, parties, schedule } = servicedLoanRecords(over);
    this.state.loans.set(loan.id, loan);
    this.state.parties.push(...parties);
    this.state.installments.push(
      ...schedule.map(({ number, dueDate, principal, interest, balance }) => ({
        loanId: loan.id,
        number,
        dueDate,
        principal,
        interest,
        balance,
        principalPaid: Money.zero(),
        interestPaid: Money.zero(),
      })),
    );
    return { ...loan };
  }

  /** Puts a request on file as if filed and reviewed earlier. */
  put<K extends LoanRequestKind>(kind: K, request: LoanRequests[K]): LoanRequests[K] {
    (this.state.requests[kind] as LoanRequests[K][]).push({ ...request });
    return { ...request };
  }

  stored<K extends LoanRequestKind>(kind: K, id: string): LoanRequests[K] | undefined {
    return (this.state.requests[kind] as LoanRequests[K][]).find((row) => row.id === id);
  }

  loan(loanId: string): LoanEntity | undefined {
    return this.state.loans.get(loanId);
  }

  get parties(): readonly LoanPartyEntity[] {
    return this.state.parties;
  }

  /** The loan's installments, by number. */
  installments(loanId = LOAN): FakeInstallment[] {
    return this.state.installments
      .filter((row) => row.loanId === loanId)
      .sort((a, b) => a.number - b.number);
  }

  get history(): State['history'] {
    return this.state.history;
  }

  get repayments(): State['repayments'] {
    return this.state.repayments;
  }

  get entries(): readonly FakeLedgerEntry[] {
    return this.state.entries;
  }

  get classified(): readonly ClassificationChange[] {
    return this.state.classified;
  }

  get audited(): readonly AuditAct[] {
    return this.state.audited;
  }

  async transaction<T>(work: (tx: DecisionTransaction) => Promise<T>): Promise<T> {
    this.calls.push('transaction');
    const state = copyState(this.state);
    const result = await work(this.inTransaction(state));
    this.state = state;
    return result;
  }

  private inTransaction(state: State): DecisionTransaction {
    const step = <T>(name: Step, run: () => T): Promise<T> => {
      this.calls.push(name);
      if (this.failAt?.step === name) return Promise.reject(this.failAt.error);
      return Promise.resolve(run());
    };
    const rowsOf = <K extends LoanRequestKind>(kind: K) =>
      state.requests[kind] as LoanRequests[K][];
    return {
      lockLoan: (loanId) =>
        step('lockLoan', () => {
          const loan = state.loans.get(loanId);
          return loan ? { ...loan } : null;
        }),
      request: (kind, requestId, loanId) =>
        step('request', () => {
          const row = rowsOf(kind).find((r) => r.id === requestId && r.loanId === loanId);
          return row ? { ...row } : null;
        }),
      update: (kind, requestId, decision) =>
        step('update', () => {
          const row = rowsOf(kind).find((r) => r.id === requestId);
          if (row) Object.assign(row, decision);
        }),
      audit: (act) => step('audit', () => void state.audited.push(act)),
      paidOut: (loanId) => step('paidOut', () => this.paidOutLoans.has(loanId)),
      setPayee: (loanId, payee) =>
        step('setPayee', () => {
          const loan = state.loans.get(loanId);
          // As the SQL update: a field left undefined is not written.
          if (loan)
            for (const field of ['payeeAccount', 'payeeName'] as const)
              if (payee[field] !== undefined) loan[field] = payee[field] ?? null;
        }),
      updateParty: (loanId, partyId, details) =>
        step('updateParty', () => {
          const party = state.parties.find((p) => p.id === partyId && p.loanId === loanId);
          if (party) Object.assign(party, details);
        }),
      replaceInstallments: (loanId, replaced, installments, keptAs) =>
        step('replaceInstallments', () => {
          const gone = (row: FakeInstallment) =>
            row.loanId === loanId && replaced.includes(row.number);
          if (keptAs)
            state.history.push(
              ...state.installments
                .filter(gone)
                .map((row) => ({ ...row, replacedBy: keptAs.ref, replacedAt: keptAs.at })),
            );
          state.installments = [
            ...state.installments.filter((row) => !gone(row)),
            ...installments.map((installment) => ({
              ...installment,
              loanId,
              principalPaid: Money.zero(),
              interestPaid: Money.zero(),
            })),
          ];
        }),
      inObservation: (loan) => step('inObservation', () => this.observedLoans.has(loan.id)),
      classify: (change) =>
        step('classify', () => {
          const loan = state.loans.get(change.loanId);
          if (loan) loan.classification = change.to;
          state.classified.push(change);
        }),
      applyToInstallments: (loanId, lines) =>
        step('applyToInstallments', () => {
          for (const line of lines) {
            const row = state.installments.find(
              (r) => r.loanId === loanId && r.number === line.installmentNumber,
            );
            if (row && line.category === 'principal')
              row.principalPaid = row.principalPaid.plus(line.amount);
            if (row && line.category === 'interest')
              row.interestPaid = row.interestPaid.plus(line.amount);
          }
        }),
      insertRepayment: (repayment) =>
        step('insertRepayment', () => {
          this.lastId += 1;
          state.repayments.push({ ...repayment, id: String(this.lastId) });
          return String(this.lastId);
        }),
      post: (txn, postings) =>
        step('post', () => {
          const net = postings.reduce(
            (sum, p) => (p.side === 'debit' ? sum.plus(p.amount) : sum.minus(p.amount)),
            Money.zero(),
          );
          if (!net.isZero())
            throw new Error(`transaction ${txn.txnId} does not balance (${net.toDecimalString()})`);
          state.entries.push(
            ...postings.map((p) => ({
              ...txn,
              account: p.account.code,
              side: p.side,
              amount: p.amount.toDecimalString(),
            })),
          );
        }),
      ledger: (loanId) => step('ledger', () => ledgerOf(state, loanId)),
      appliedExtensions: (loanId) =>
        step('appliedExtensions', () =>
          state.requests.restructuring.filter(
            (row) => row.loanId === loanId && row.kind === 'extension' && row.state === 'applied',
          ),
        ),
      documentsAmong: () => step('documentsAmong', () => []),
      approvedRepaymentAccount: () => step('approvedRepaymentAccount', () => null),
    };
  }
}

/** The ledger as the SQL reads it: the installments in force, and the repayments' allocations. */
function ledgerOf(state: State, loanId: string): ServicingLedger {
  return {
    installments: state.installments
      .filter((row) => row.loanId === loanId)
      .sort((a, b) => a.number - b.number)
      .map(({ number, dueDate, principal, interest }) => ({
        number,
        dueDate,
        principal,
        interest,
      })),
    applied: state.repayments
      .filter((row) => row.loanId === loanId)
      .flatMap((row) =>
        (
          JSON.parse(row.allocationJson) as (Omit<AppliedAmount, 'amount'> & { amount: string })[]
        ).map((line) => ({ ...line, amount: Money.parse(line.amount) })),
      ),
  };
}

/**
 * What a worker revising the schedule talks to after its transaction: the broker (told the
 * schedule changed) and the collection bands. A failure put in `failOnce` is thrown by the next
 * call to that one, once.
 */
export function afterCommit() {
  const failOnce: Partial<Record<'zeebe' | 'bands', Error>> = {};
  const failing = (what: keyof typeof failOnce) => {
    const failure = failOnce[what];
    delete failOnce[what];
    return failure;
  };
  const published: PublishRequest[] = [];
  const reassessed: [string, string, Date][] = [];
  const zeebe = {
    publishMessage: (message: PublishRequest) => {
      const failure = failing('zeebe');
      if (failure) return Promise.reject(failure);
      published.push(message);
      return Promise.resolve({ key: String(published.length) });
    },
  } as unknown as ZeebeClient;
  const bands = {
    reassess: (loanId: string, today: string, now: Date) => {
      const failure = failing('bands');
      if (failure) return Promise.reject(failure);
      reassessed.push([loanId, today, now]);
      return Promise.resolve({ daysPastDue: 0, band: null });
    },
  } as unknown as CollectionBands;
  return { zeebe, bands, published, reassessed, failOnce };
}

/** A register holding the serviced loan (with `over`) and the request, as filed and reviewed. */
export function registerWith<K extends LoanRequestKind>(
  kind: K,
  request: LoanRequests[K],
  over: Partial<LoanEntity> = {},
) {
  const register = new FakeLoanRequestDecisionRecords();
  register.servicedLoan(over);
  return { register, request: register.put(kind, request) };
}
