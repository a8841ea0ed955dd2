import type { AuditAct } from '@loanflow/audit';
import { AppliedAmount, Money, ScheduledAmounts, WarningLevel } from '@loanflow/domain';
import type { LoanFile } from '@loanflow/loans';
import { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';
import {
  ClassificationChange,
  NewWarning,
  WarningChange,
  WarningLoan,
  WarningRecord,
  WarningRecords,
  WarningTransaction,
} from './warning-records';

/** A loan as the fake register holds it: the loan's row and its ledger. */
export interface FakeLoan extends WarningLoan {
  ledger: { installments: ScheduledAmounts[]; applied: AppliedAmount[] };
}

/**
 * A loan paid out on 15 January 2026 for twelve months: 1,000.00 principal and 58.00 interest due
 * on the 15th of each month from February, the first `paid` installments paid in full on their
 * due dates.
 */
export function twelveMonths(paid: number): FakeLoan['ledger'] {
  const installments = Array.from({ length: 12 }, (_, index) => ({
    number: index + 1,
    dueDate: new Date(Date.UTC(2026, 1 + index, 15)).toISOString().slice(0, 10),
    principal: Money.parse('1000.00'),
    interest: Money.parse('58.00'),
  }));
  const applied = installments.slice(0, paid).flatMap((row): AppliedAmount[] => [
    {
      installmentNumber: row.number,
      category: 'interest',
      amount: row.interest,
      paidOn: row.dueDate,
    },
    {
      installmentNumber: row.number,
      category: 'principal',
      amount: row.principal,
      paidOn: row.dueDate,
    },
  ]);
  return { installments, applied };
}

interface State {
  loans: Map<string, FakeLoan>;
  warnings: WarningRecord[];
  audited: AuditAct[];
  classified: ClassificationChange[];
}

const copyLoan = (loan: FakeLoan): FakeLoan => ({
  ...loan,
  ledger: { installments: [...loan.ledger.installments], applied: [...loan.ledger.applied] },
});

/**
 * The warning register in memory, for the unit specs of the risk-warning service and the warning
 * workers. Each method call is logged by name. A transaction works on copies that replace the
 * register's rows only when its work returns: a failure inside it leaves the register as it was.
 * A classification is kept as the change asked for (the trail's entry for it is the SQL's
 * business, proven by the integration specs).
 */
export class FakeWarningRecords extends WarningRecords {
  loans = new Map<string, FakeLoan>();
  warnings: WarningRecord[] = [];
  /** Audit entries written together with a change of the register. */
  audited: AuditAct[] = [];
  /** Classifications recorded together with a change of the register. */
  classified: ClassificationChange[] = [];
  readonly calls: string[] = [];
  /** Thrown by the next audit append inside a transaction. */
  auditFailure: Error | null = null;
  private lastId = 100;

  /** Puts a loan on file; the fields not given are a disbursed, normal loan's, seven months paid. */
  putLoan(over: Partial<FakeLoan> & { id: string }): FakeLoan {
    const loan: FakeLoan = {
      status: 'disbursed',
      classification: 'normal',
      annualRate: '0.0580',
      disbursedAt: new Date('2026-01-15T02:00:00.000Z'),
      ledger: twelveMonths(7),
      ...over,
    };
    this.loans.set(loan.id, loan);
    return copyLoan(loan);
  }

  /** Puts a warning on file as if raised earlier; the fields not given are an open yellow one's. */
  put(over: Partial<WarningRecord> & { loanId: string }): WarningRecord {
    this.lastId += 1;
    const state = over.state ?? 'open';
    const row: WarningRecord = {
      id: String(this.lastId),
      openKey: state === 'open' ? over.loanId : null,
      level: 'yellow',
      signal: 'manual',
      description: '客户经营的店铺已停业',
      raisedBy: 'li.cm',
      raisedAt: new Date('2026-09-01T02:00:00.000Z'),
      state,
      supersededBy: null,
      closedAt: null,
      resolution: null,
      publishedAt: new Date('2026-09-01T02:00:01.000Z'),
      ...over,
    };
    this.warnings.push(row);
    return { ...row };
  }

  stored(id: string): WarningRecord | undefined {
    return this.warnings.find((row) => row.id === id);
  }

  loan(id: string): FakeLoan | undefined {
    return this.loans.get(id);
  }

  oneOfLoan(loanId: string, warningId: string): Promise<WarningRecord | null> {
    this.calls.push('oneOfLoan');
    const row = this.warnings.find((w) => w.id === warningId && w.loanId === loanId);
    return Promise.resolve(row ? { ...row } : null);
  }

  ofLoan(loanId: string): Promise<WarningRecord[]> {
    this.calls.push('ofLoan');
    return Promise.resolve(
      this.warnings
        .filter((row) => row.loanId === loanId)
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((row) => ({ ...row })),
    );
  }

  supersededBy(warningId: string): Promise<WarningRecord | null> {
    this.calls.push('supersededBy');
    const row = this.warnings.find((w) => w.supersededBy === warningId);
    return Promise.resolve(row ? { ...row } : null);
  }

  markPublished(warningId: string, at: Date): Promise<void> {
    this.calls.push('markPublished');
    const row = this.stored(warningId);
    if (row) row.publishedAt = at;
    return Promise.resolve();
  }

  escalationRecorded(loanId: string, warningId: string, level: WarningLevel): Promise<boolean> {
    this.calls.push('escalationRecorded');
    return Promise.resolve(
      this.audited.some(
        (act) =>
          act.loanKey === loanId &&
          act.action === 'warning.escalate' &&
          (act.reason ?? '').startsWith(`warning ${warningId} `) &&
          (act.reason ?? '').includes(` → ${level} (`),
      ),
    );
  }

  resolvedAs(loanId: string, resolution: string): Promise<WarningRecord[]> {
    this.calls.push('resolvedAs');
    return Promise.resolve(
      this.warnings
        .filter(
          (row) =>
            row.loanId === loanId && row.state === 'resolved' && row.resolution === resolution,
        )
        .map((row) => ({ ...row })),
    );
  }

  unpublished(limit: number): Promise<WarningRecord[]> {
    this.calls.push('unpublished');
    return Promise.resolve(
      this.warnings
        .filter((row) => row.publishedAt === null && row.state === 'open')
        .sort((a, b) => Number(a.id) - Number(b.id))
        .slice(0, limit)
        .map((row) => ({ ...row })),
    );
  }

  async transaction<T>(work: (tx: WarningTransaction) => Promise<T>): Promise<T> {
    this.calls.push('transaction');
    const state: State = {
      loans: new Map([...this.loans].map(([id, loan]) => [id, copyLoan(loan)])),
      warnings: this.warnings.map((row) => ({ ...row })),
      audited: [...this.audited],
      classified: [...this.classified],
    };
    const result = await work(this.inTransaction(state));
    this.loans = state.loans;
    this.warnings = state.warnings;
    this.audited = state.audited;
    this.classified = state.classified;
    return result;
  }

  private inTransaction(state: State): WarningTransaction {
    const log = <T>(name: string, value: T): Promise<T> => {
      this.calls.push(name);
      return Promise.resolve(value);
    };
    return {
      lockLoan: (loanId) => {
        const loan = state.loans.get(loanId);
        return log('lockLoan', loan ? copyLoan(loan) : null);
      },
      openOf: (loanId) => {
        const row = state.warnings.find((w) => w.openKey === loanId);
        return log('openOf', row ? { ...row } : null);
      },
      insert: (warning: NewWarning) => {
        this.lastId += 1;
        const row: WarningRecord = { ...warning, id: String(this.lastId) };
        state.warnings.push(row);
        return log('insert', { ...row });
      },
      update: (warningId: string, change: WarningChange) => {
        const row = state.warnings.find((w) => w.id === warningId);
        if (row) Object.assign(row, change);
        return log('update', undefined);
      },
      updateOpen: (loanId, warningId, change) => {
        const row = state.warnings.find(
          (w) => w.id === warningId && w.loanId === loanId && w.state === 'open',
        );
        if (row) Object.assign(row, change);
        return log('updateOpen', row !== undefined);
      },
      ledger: (loanId) => {
        const loan = state.loans.get(loanId);
        return log('ledger', {
          installments: [...(loan?.ledger.installments ?? [])],
          applied: [...(loan?.ledger.applied ?? [])],
        });
      },
      classify: (change) => {
        const loan = state.loans.get(change.loanId);
        if (loan) loan.classification = change.to;
        state.classified.push(change);
        return log('classify', undefined);
      },
      recallRecorded: (loanId, warningId) => {
        const act = state.audited.find(
          (entry) =>
            entry.loanKey === loanId &&
            entry.action === 'loan.recall' &&
            (entry.reason ?? '').includes(`(red warning ${warningId})`),
        );
        return log(
          'recallRecorded',
          act
            ? { outcome: act.outcome === 'ok' ? 'ok' : 'refused', reason: act.reason ?? '' }
            : null,
        );
      },
      replaceInstallments: (loanId, replaced, installment) => {
        const loan = state.loans.get(loanId);
        if (loan)
          loan.ledger.installments = [
            ...loan.ledger.installments.filter((row) => !replaced.includes(row.number)),
            {
              number: installment.number,
              dueDate: installment.dueDate,
              principal: installment.principal,
              interest: installment.interest,
            },
          ].sort((a, b) => a.number - b.number);
        return log('replaceInstallments', undefined);
      },
      audit: (act) => {
        this.calls.push('audit');
        if (this.auditFailure) return Promise.reject(this.auditFailure);
        state.audited.push(act);
        return Promise.resolve();
      },
    };
  }
}

/** The loan's file as the workers read it: a 12,000.00 consumer loan of SB-HZ-XH on credit, grade B. */
export function loanFile(loanId: string): LoanFile {
  const loan = Object.assign(new LoanEntity(), {
    id: loanId,
    branchCode: 'SB-HZ-XH',
    customerManager: 'li.cm',
    product: 'consumer',
    purpose: '装修',
    guaranteeType: 'credit',
    paymentMethod: 'self',
    requestedAmountMinor: '1500000',
    requestedTermMonths: 12,
    amountMinor: '1200000',
    termMonths: 12,
    riskGrade: 'B',
    annualRate: '0.0580',
  });
  const applicant = Object.assign(new LoanPartyEntity(), { loanId, role: 'applicant' });
  return { loan, applicant, guarantors: [], collateral: [], contracts: [], documentKinds: [] };
}
