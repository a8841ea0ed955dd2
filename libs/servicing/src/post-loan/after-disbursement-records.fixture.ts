import type { AuditAct } from '@loanflow/audit';
import { AppliedAmount, beijingDate, Money } from '@loanflow/domain';
import type { LoanFile } from '@loanflow/loans';
import {
  CollateralValuationEntity,
  LoanCollateralEntity,
  LoanEntity,
  LoanFollowUpEntity,
  LoanRevaluationEntity,
} from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import {
  AfterDisbursementRecords,
  AfterDisbursementTransaction,
  LateTaskKind,
  NewFollowUp,
  NewRevaluationRound,
  ValueNow,
} from './after-disbursement-records';

interface State {
  followUps: LoanFollowUpEntity[];
  rounds: LoanRevaluationEntity[];
  valuations: CollateralValuationEntity[];
  audited: AuditAct[];
}

const copy = (state: State): State => ({
  followUps: state.followUps.map((row) => ({ ...row })),
  rounds: state.rounds.map((row) => ({ ...row })),
  valuations: [...state.valuations],
  audited: [...state.audited],
});

/**
 * The register in memory for the steps after the payout: the fixtures' loan (120,000.00 paid out
 * on 15 March 2026) secured by a flat appraised at 200,000.00, its follow-up, revaluation rounds
 * and valuations. A transaction works on a copy that replaces the state only when it succeeds.
 */
export class FakeAfterDisbursementRecords extends AfterDisbursementRecords {
  private readonly register = new InMemoryTransactions<State>(
    { followUps: [], rounds: [], valuations: [], audited: [] },
    copy,
  );
  readonly file: LoanFile;
  readonly schedule = servicedLoanRecords().schedule;
  readonly applied: AppliedAmount[] = [];
  private nextId = 500;

  constructor(over: Partial<LoanEntity> = {}, collateral = true) {
    super();
    const { loan, parties } = servicedLoanRecords({
      guaranteeType: 'mortgage',
      product: 'consumer',
      ...over,
    });
    const [applicant] = parties;
    if (!applicant) throw new Error('the fixtures’ loan has an applicant');
    this.file = {
      loan,
      applicant,
      guarantors: [],
      collateral: collateral
        ? [
            Object.assign(new LoanCollateralEntity(), {
              id: '61',
              loanId: LOAN,
              kind: 'property',
              appraisedValueMinor: '20000000',
              ownerIdNumber: applicant.idNumber,
            }),
          ]
        : [],
      contracts: [],
      documentKinds: [],
    };
  }

  get followUps(): LoanFollowUpEntity[] {
    return this.register.state.followUps;
  }
  get rounds(): LoanRevaluationEntity[] {
    return this.register.state.rounds;
  }
  get valuations(): CollateralValuationEntity[] {
    return this.register.state.valuations;
  }
  get audited(): AuditAct[] {
    return this.register.state.audited;
  }

  private id(): string {
    return String(this.nextId++);
  }

  followUpOf(loanId: string): Promise<LoanFollowUpEntity | null> {
    return Promise.resolve(
      this.register.state.followUps.find((row) => row.loanId === loanId) ?? null,
    );
  }

  planFollowUp(followUp: NewFollowUp): Promise<LoanFollowUpEntity> {
    const row = Object.assign(new LoanFollowUpEntity(), {
      ...followUp,
      id: this.id(),
      escalatedAt: null,
    });
    this.register.state.followUps.push(row);
    return Promise.resolve({ ...row });
  }

  currentValues(loan: LoanEntity, collateral: readonly LoanCollateralEntity[]) {
    return Promise.resolve(this.valuesIn(this.register.state, loan, collateral));
  }

  lastRound(loanId: string): Promise<LoanRevaluationEntity | null> {
    const rounds = this.register.state.rounds.filter((row) => row.loanId === loanId);
    return Promise.resolve(rounds.sort((a, b) => b.number - a.number)[0] ?? null);
  }

  planRound(round: NewRevaluationRound): Promise<LoanRevaluationEntity> {
    const row = Object.assign(new LoanRevaluationEntity(), {
      ...round,
      id: this.id(),
      escalatedAt: null,
    });
    this.register.state.rounds.push(row);
    return Promise.resolve({ ...row });
  }

  transaction<T>(work: (tx: AfterDisbursementTransaction) => Promise<T>): Promise<T> {
    return this.register.run((next) => work(this.inTransaction(next)));
  }

  async once<T>(
    scope: string,
    key: string,
    _jobKey: string,
    work: (tx: AfterDisbursementTransaction) => Promise<T>,
  ): Promise<T> {
    const { result } = await this.register.once(`${scope}:${key}`, (next) =>
      work(this.inTransaction(next)),
    );
    return result;
  }

  private valuesIn(state: State, loan: LoanEntity, collateral: readonly LoanCollateralEntity[]) {
    const values = new Map<string, ValueNow>();
    for (const item of collateral)
      values.set(String(item.id), {
        value: Money.ofMinor(item.appraisedValueMinor),
        valuedOn: beijingDate(loan.disbursedAt ?? loan.createdAt),
      });
    for (const row of state.valuations)
      if (values.has(row.collateralId))
        values.set(row.collateralId, {
          value: Money.ofMinor(row.valueMinor),
          valuedOn: row.valuedOn,
        });
    return values;
  }

  private inTransaction(state: State): AfterDisbursementTransaction {
    const now = <T>(run: () => T): Promise<T> => Promise.resolve(run());
    const lateRows = (kind: LateTaskKind) =>
      kind === 'follow-up' ? state.followUps : state.rounds;
    return {
      completeFollowUp: (followUpId, loanId, report) =>
        now(() => {
          const row = state.followUps.find((r) => r.id === followUpId && r.loanId === loanId);
          if (row) Object.assign(row, report);
          return row !== undefined;
        }),
      round: (revaluationId, loanId) =>
        now(() => state.rounds.find((r) => r.id === revaluationId && r.loanId === loanId) ?? null),
      file: () => now(() => this.file),
      currentValues: (loan, collateral) => now(() => this.valuesIn(state, loan, collateral)),
      addValuation: (valuation) =>
        now(
          () =>
            void state.valuations.push(Object.assign(new CollateralValuationEntity(), valuation)),
        ),
      ledger: () => now(() => ({ installments: this.schedule, applied: [...this.applied] })),
      completeRound: (revaluationId, completion) =>
        now(
          () =>
            void Object.assign(state.rounds.find((r) => r.id === revaluationId) ?? {}, completion),
        ),
      lockLate: (kind, id, loanId) =>
        now(() => {
          const row = (lateRows(kind) as (LoanFollowUpEntity | LoanRevaluationEntity)[]).find(
            (r) => r.id === id && r.loanId === loanId,
          );
          return row
            ? {
                id: row.id,
                dueOn: row.dueOn,
                completedAt: row.completedAt,
                escalatedAt: row.escalatedAt,
              }
            : null;
        }),
      markEscalated: (kind, id, at) =>
        now(() => {
          const row = (lateRows(kind) as (LoanFollowUpEntity | LoanRevaluationEntity)[]).find(
            (r) => r.id === id,
          );
          if (row) row.escalatedAt = at;
        }),
      audit: (act) => now(() => void state.audited.push(act)),
    };
  }
}
