import { QueryFailedError } from 'typeorm';
import { staffActor } from '@loanflow/audit';
import type { AuditAct } from '@loanflow/audit';
import { loanPosition, Money } from '@loanflow/domain';
import type { ServicingLedger } from '@loanflow/domain';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LegalMilestoneEntity, LoanEntity, LoanWriteOffEntity } from '@loanflow/persistence';
import type { PublishRequest, ZeebeClient } from '@loanflow/workflow';
import { NonRetryableJobError } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { LegalRecords } from '../collection/legal-records';
import type { RiskWarnings } from '../post-loan/risk-warnings.service';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { LOAN_WRITTEN_OFF_MESSAGE, SERVICING_JOB } from '../servicing.contract';
import { FakeInstallmentRecords } from '../workers/installment-records.fixture';
import { AssessLossWorker, WriteOffInput, WriteOffWorker } from './write-off.workers';
import {
  ClassificationChange,
  Posting,
  WriteOffRecords,
  WriteOffTransaction,
} from './write-off-records';

/** A year after the first installment fell due, nothing paid: 12 installments overdue. */
const AS_OF = '2027-04-20T02:00:00.000Z';
const DATE = '2027-04-20';

interface State {
  loan: LoanEntity;
  posted: { txnId: string; postings: Posting[] }[];
  writeOffs: LoanWriteOffEntity[];
  classified: ClassificationChange[];
  audited: AuditAct[];
  done: Map<string, unknown>;
}

/** The register in memory for the write-off: one loan, its ledger, what the write-off wrote. */
class FakeWriteOffRecords extends WriteOffRecords {
  readonly ledgers = new FakeInstallmentRecords();
  state: State;
  /** Makes the next ledger posting fail as the database would refuse it. */
  postingFails = false;

  constructor(over: Partial<LoanEntity> = {}) {
    super();
    const { loan } = servicedLoanRecords({
      status: 'disbursed',
      classification: 'doubtful',
      ...over,
    });
    this.state = { loan, posted: [], writeOffs: [], classified: [], audited: [], done: new Map() };
  }

  async once<T>(loanId: string, _jobKey: string, work: (tx: WriteOffTransaction) => Promise<T>) {
    if (this.state.done.has(loanId)) return this.state.done.get(loanId) as T;
    const next: State = {
      loan: { ...this.state.loan },
      posted: [...this.state.posted],
      writeOffs: [...this.state.writeOffs],
      classified: [...this.state.classified],
      audited: [...this.state.audited],
      done: new Map(this.state.done),
    };
    const now = <R>(run: () => R): Promise<R> => Promise.resolve(run());
    const ledger = (): Promise<ServicingLedger> => this.ledgers.ledger(LOAN);
    const result = await work({
      lockLoan: (id) => now(() => (id === next.loan.id ? { ...next.loan } : null)),
      ledger,
      post: (txn, postings) =>
        this.postingFails
          ? Promise.reject(new QueryFailedError('INSERT INTO ledger_entry', [], new Error('lost')))
          : now(() => void next.posted.push({ txnId: txn.txnId, postings })),
      keepWriteOff: (row) => now(() => void next.writeOffs.push(row)),
      markWrittenOff: () => now(() => void (next.loan.status = 'written-off')),
      classify: (change) =>
        now(() => {
          next.classified.push(change);
          next.loan.classification = change.to;
        }),
      audit: (act) => now(() => void next.audited.push(act)),
    });
    next.done.set(loanId, result);
    this.state = next;
    return result;
  }
}

function writeOffStep(register: FakeWriteOffRecords) {
  const { parties } = servicedLoanRecords();
  const records = {
    fileForJob: () =>
      Promise.resolve({
        loan: register.state.loan,
        applicant: parties[0],
        guarantors: parties.slice(1),
      } as LoanFile),
  } as unknown as LoanRecords;
  const published: PublishRequest[] = [];
  const zeebe = {
    publishMessage: (message: PublishRequest) =>
      Promise.resolve(void published.push(message)).then(() => ({ key: '1' })),
  } as unknown as ZeebeClient;
  const withdrawn: string[] = [];
  const warnings = {
    withdrawOpen: (loanId: string) => Promise.resolve(void withdrawn.push(loanId)),
  } as unknown as RiskWarnings;
  const worker = new WriteOffWorker(register, records, zeebe, warnings);
  const writeOff = (approved = true) =>
    worker.handle(
      Object.assign(new WriteOffInput(), {
        loanId: LOAN,
        asOf: AS_OF,
        writeOffDecision: { approved, reasons: '终结本次执行，无可供执行财产', by: 'qian.cm' },
      }),
      jobContext({ type: SERVICING_JOB.writeOff }),
    );
  return { published, withdrawn, writeOff };
}

describe('writing a loan off (collection.write-off, 核销)', () => {
  it('takes the principal owed off the books in one balanced transaction, the interest off balance sheet', async () => {
    const register = new FakeWriteOffRecords();
    const owed = loanPosition({ ...(await register.ledgers.ledger(LOAN)), asOf: DATE });
    const { published, withdrawn, writeOff } = writeOffStep(register);
    const principal = owed.outstandingPrincipal;
    const interest = owed.overdueInterest;
    const txnId = `WO-${LOAN}`;
    const variable = {
      principal: principal.toDecimalString(),
      interest: interest.toDecimalString(),
      approvedBy: 'qian.cm',
      txnId,
    };
    expect(await writeOff()).toEqual({ writeOff: variable });
    expect(principal.compare(Money.parse('120000.00'))).toBe(0);
    expect(register.state.posted).toEqual([
      {
        txnId,
        postings: [
          {
            account: { code: 'ALLOWANCE:LOAN-LOSS', name: 'Loan-loss allowance', kind: 'clearing' },
            side: 'debit',
            amount: principal,
          },
          {
            account: { code: `LOAN:${LOAN}`, name: `Loan ${LOAN}`, kind: 'asset' },
            side: 'credit',
            amount: principal,
          },
        ],
      },
    ]);
    expect(register.state.writeOffs).toEqual([
      {
        loanId: LOAN,
        principalMinor: principal.minorUnits.toString(),
        interestMinor: interest.minorUnits.toString(),
        approvedBy: 'qian.cm',
        reason: '终结本次执行，无可供执行财产',
        txnId,
        writtenOffAt: new Date(AS_OF),
      },
    ]);
    expect(register.state.loan).toMatchObject({ status: 'written-off', classification: 'loss' });
    expect(register.state.classified).toEqual([
      expect.objectContaining({
        from: 'doubtful',
        to: 'loss',
        source: 'manual',
        daysPastDue: owed.daysPastDue,
      }),
    ]);
    expect(register.state.audited).toEqual([
      {
        actor: staffActor('qian.cm', 'committee-member'),
        action: 'loan.write-off',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `written off: principal ${variable.principal} (${txnId}), unpaid interest ${variable.interest} kept off balance sheet`,
      },
    ]);
    expect(published).toEqual([
      expect.objectContaining({
        name: LOAN_WRITTEN_OFF_MESSAGE,
        correlationKey: LOAN,
        messageId: `${LOAN_WRITTEN_OFF_MESSAGE}:${LOAN}`,
        variables: expect.objectContaining({ loanId: LOAN, writeOff: variable }) as unknown,
      }),
    ]);
    expect(withdrawn).toEqual([LOAN]);
  });

  it('writes off once however often the job is delivered, answering the same each time', async () => {
    const register = new FakeWriteOffRecords();
    const { writeOff } = writeOffStep(register);
    const first = await writeOff();
    expect(await writeOff()).toEqual(first);
    expect(register.state.posted).toHaveLength(1);
    expect(register.state.writeOffs).toHaveLength(1);
    expect(register.state.audited).toHaveLength(1);
  });

  it('records no second move to loss for a loan already classified loss', async () => {
    const register = new FakeWriteOffRecords({ classification: 'loss' });
    await writeOffStep(register).writeOff();
    expect(register.state.classified).toEqual([]);
  });

  it('writes nothing, and publishes nothing, when the ledger refuses the posting', async () => {
    const register = new FakeWriteOffRecords();
    register.postingFails = true;
    const { published, writeOff } = writeOffStep(register);
    await expect(writeOff()).rejects.toThrow(QueryFailedError);
    expect(register.state.loan.status).toBe('disbursed');
    expect(register.state.writeOffs).toEqual([]);
    expect(published).toEqual([]);
  });

  it('refuses, without retry and writing nothing, a write-off the committee did not approve', async () => {
    const register = new FakeWriteOffRecords();
    await expect(writeOffStep(register).writeOff(false)).rejects.toThrow(
      new NonRetryableJobError(`the write-off of loan ${LOAN} was not approved`),
    );
    expect(register.state.posted).toEqual([]);
  });
});

describe('assessing the loss after the legal path (collection.assess-loss)', () => {
  class Legal extends LegalRecords {
    constructor(private readonly steps: Partial<LegalMilestoneEntity>[]) {
      super();
    }
    keepOnce(): Promise<boolean> {
      return Promise.reject(new Error('the assessment keeps nothing'));
    }
    milestones(): Promise<LegalMilestoneEntity[]> {
      return Promise.resolve(
        this.steps.map((step) => Object.assign(new LegalMilestoneEntity(), step)),
      );
    }
  }

  it('states what a write-off would take off the books, and the criteria on the legal record', async () => {
    const ledgers = new FakeInstallmentRecords();
    const owed = loanPosition({ ...(await ledgers.ledger(LOAN)), asOf: DATE });
    const legal = new Legal([
      {
        milestone: 'judgment',
        onDate: '2027-01-10',
        documentsJson: '[{"kind":"judgment","reference":"J-1"}]',
      },
      {
        milestone: 'terminated',
        onDate: '2027-04-01',
        documentsJson: '[{"kind":"termination-ruling","reference":"T-1"}]',
      },
    ]);
    const assessed = await new AssessLossWorker(ledgers, legal).handle({
      loanId: LOAN,
      asOf: AS_OF,
    });
    expect(assessed).toMatchObject({
      lossRemains: true,
      loss: {
        principal: owed.outstandingPrincipal.toDecimalString(),
        interest: owed.overdueInterest.toDecimalString(),
      },
      writeOffCriteria: { met: true },
    });
    expect(assessed.writeOffCriteria.documents.map((d) => d.reference)).toEqual(['J-1', 'T-1']);
  });

  it('finds no loss once the principal is recovered, and the criteria unmet without a ruling', async () => {
    const ledgers = new FakeInstallmentRecords();
    // All of it recovered the day before (the legal path's recovery, or a payoff).
    for (const due of ledgers.installments)
      ledgers.applied.push(...ledgers.paid(due.number, '2027-04-19'));
    const assessed = await new AssessLossWorker(ledgers, new Legal([])).handle({
      loanId: LOAN,
      asOf: AS_OF,
    });
    expect(assessed).toMatchObject({
      lossRemains: false,
      loss: { principal: '0.00' },
      writeOffCriteria: { met: false },
    });
  });
});
