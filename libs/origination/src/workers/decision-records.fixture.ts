import type { AuditAct } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import {
  CommitteeBallotEntity,
  CommitteeVoteEntity,
  LoanDecisionEntity,
  LoanEntity,
} from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import type { RecordedApproval } from './approved-terms';
import {
  CollateralRegistration,
  DecisionRecords,
  DecisionTransaction,
  LoanChanges,
  NewContract,
  NewLoanDecision,
} from './decision-records';

/** An application in decision: 80,000.00 over 36 months, branch SB-HZ-XH. */
export const APPLICATION = 'LN20260402-4TQ8W1';

interface State {
  loans: Map<string, LoanEntity>;
  decisions: NewLoanDecision[];
  contracts: NewContract[];
  registrations: (CollateralRegistration & { loanId: string })[];
  audited: AuditAct[];
}

const copy = (state: State): State => ({
  loans: new Map([...state.loans].map(([id, loan]) => [id, { ...loan }])),
  decisions: [...state.decisions],
  contracts: [...state.contracts],
  registrations: [...state.registrations],
  audited: [...state.audited],
});

/** The register in memory for the steps after a credit decision (transactions as InMemoryTransactions). */
export class FakeDecisionRecords extends DecisionRecords {
  private readonly register = new InMemoryTransactions<State>(
    { loans: new Map(), decisions: [], contracts: [], registrations: [], audited: [] },
    copy,
  );
  /** The approval on record for each loan (none unless set). */
  readonly approvals = new Map<string, RecordedApproval>();
  /** The committee's rounds and their ballots. */
  readonly votes: CommitteeVoteEntity[] = [];
  readonly ballotsCast: CommitteeBallotEntity[] = [];
  /** Contract numbers other loans hold. */
  readonly numbersTaken = new Set<string>();
  /** ID numbers on the active credit warning list. */
  readonly warningList = new Set<string>();
  /** Each guarantor's assessment as kept, by party id. */
  readonly assessments = new Map<string, string>();

  loanIn(status: LoanEntity['status'], over: Partial<LoanEntity> = {}): LoanEntity {
    const loan = Object.assign(new LoanEntity(), {
      id: APPLICATION,
      branchCode: 'SB-HZ-XH',
      customerManager: 'li.cm',
      product: 'consumer',
      requestedAmountMinor: '8000000',
      requestedTermMonths: 36,
      amountMinor: '8000000',
      termMonths: 36,
      annualRate: null,
      requiredApprovalLevel: 'branch',
      status,
      ...over,
    });
    this.register.state.loans.set(loan.id, loan);
    return loan;
  }

  /** An approval of `amount` yuan on record, a counter-offer when it is not what was asked. */
  approve(amount: string, answer: string | null = null): RecordedApproval {
    const approval: RecordedApproval = {
      approval: Object.assign(new LoanDecisionEntity(), {
        id: '41',
        loanId: APPLICATION,
        kind: 'approval',
        outcome: 'approve',
        decidedBy: 'zhao.ap',
      }),
      amount: Money.parse(amount),
      termMonths: 36,
      annualRate: '0.0435',
      counterOffer: amount !== '80000.00',
      offerAnswer: answer,
      disbursementCheck: null,
    };
    this.approvals.set(APPLICATION, approval);
    return approval;
  }

  loan(id = APPLICATION): LoanEntity | undefined {
    return this.register.state.loans.get(id);
  }

  get decisions(): NewLoanDecision[] {
    return this.register.state.decisions;
  }

  get contracts(): NewContract[] {
    return this.register.state.contracts;
  }

  get registrations(): (CollateralRegistration & { loanId: string })[] {
    return this.register.state.registrations;
  }

  get audited(): AuditAct[] {
    return this.register.state.audited;
  }

  recordedApproval(loanId: string): Promise<RecordedApproval | null> {
    return Promise.resolve(this.approvals.get(loanId) ?? null);
  }

  onWarningList(idNumber: string): Promise<boolean> {
    return Promise.resolve(this.warningList.has(idNumber));
  }

  transaction<T>(work: (tx: DecisionTransaction) => Promise<T>): Promise<T> {
    return this.register.run((next) => work(this.inTransaction(next)));
  }

  once<T>(
    scope: string,
    key: string,
    _jobKey: string,
    work: (tx: DecisionTransaction) => Promise<T>,
  ): Promise<{ result: T; replayed: boolean }> {
    return this.register.once(`${scope}:${key}`, (next) => work(this.inTransaction(next)));
  }

  private inTransaction(state: State): DecisionTransaction {
    const now = <T>(run: () => T): Promise<T> => Promise.resolve(run());
    return {
      lockLoan: (loanId) =>
        now(() => {
          const loan = state.loans.get(loanId);
          return loan ? { ...loan } : null;
        }),
      recordedApproval: (loanId) => this.recordedApproval(loanId),
      addDecision: (decision) => now(() => void state.decisions.push(decision)),
      updateLoan: (loanId, changes: LoanChanges) =>
        now(() => void Object.assign(state.loans.get(loanId) ?? {}, changes)),
      replaceContracts: (loanId, contracts) =>
        now(() => {
          state.contracts = state.contracts.filter((c) => c.loanId !== loanId);
          for (const contract of contracts) {
            if (this.numbersTaken.has(contract.contractNo)) return contract.contractNo;
            state.contracts.push(contract);
          }
          return null;
        }),
      registerCollateral: (loanId, registration) =>
        now(() => void state.registrations.push({ ...registration, loanId })),
      lastApproval: (loanId) => now(() => this.approvals.get(loanId)?.approval ?? null),
      openVote: (vote) =>
        now(() => {
          const row = Object.assign(new CommitteeVoteEntity(), {
            ...vote,
            id: String(this.votes.length + 1),
          });
          this.votes.push(row);
          return row;
        }),
      lockVote: (voteId) => now(() => this.votes.find((v) => v.id === voteId) ?? null),
      ballots: (voteId) => now(() => this.ballotsCast.filter((b) => b.voteId === voteId)),
      closeVote: (voteId, close) =>
        now(() => void Object.assign(this.votes.find((v) => v.id === voteId) ?? {}, close)),
      keepGuarantorAssessment: (partyId, assessmentJson) =>
        now(() => void this.assessments.set(partyId, assessmentJson)),
      audit: (act) => now(() => void state.audited.push(act)),
    };
  }
}
