import { staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import type { AuditAct } from '@loanflow/audit';
import { DomainError, LoanClass } from '@loanflow/domain';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanEntity, LoanInspectionEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { jobContext } from '@loanflow/test-support/job-context';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { SERVICING_JOB } from '../servicing.contract';
import {
  ApplyUpgradeInput,
  ApplyUpgradeWorker,
  EscalateInspectionWorker,
  PlanInspectionWorker,
  RecordInspectionInput,
  RecordInspectionWorker,
} from './inspection.workers';
import { InspectionRecords, InspectionTransaction, NewInspection } from './inspection-records';
import type { ClassificationChange } from './record-classification';
import type { RiskWarnings } from './risk-warnings.service';

/** 10:00 in Beijing on 7 April 2026, a week before the first installment falls due. */
const AS_OF = '2026-04-07T02:00:00.000Z';

interface State {
  loan: LoanEntity;
  inspections: LoanInspectionEntity[];
  classified: ClassificationChange[];
  audited: AuditAct[];
}

/** The register in memory: the fixtures' loan, its inspections and what the steps wrote. */
class FakeInspectionRecords extends InspectionRecords {
  private readonly register: InMemoryTransactions<State>;
  readonly schedule = servicedLoanRecords().schedule;
  keyCustomerMonths: number[] = [];
  /** The refusal the classification rules give a better level, if they refuse it. */
  betterLevelRefused: DomainError | null = null;
  private nextId = 900;

  constructor(over: Partial<LoanEntity> = {}) {
    super();
    const { loan } = servicedLoanRecords({ product: 'consumer', riskGrade: 'B', ...over });
    this.register = new InMemoryTransactions<State>(
      { loan, inspections: [], classified: [], audited: [] },
      (state) => ({
        loan: { ...state.loan },
        inspections: state.inspections.map((row) => ({ ...row })),
        classified: [...state.classified],
        audited: [...state.audited],
      }),
    );
  }

  get state(): State {
    return this.register.state;
  }

  lastInspection(loanId: string) {
    const rows = this.state.inspections.filter((row) => row.loanId === loanId);
    return Promise.resolve(rows.sort((a, b) => b.number - a.number)[0] ?? null);
  }
  keyCustomerEntries() {
    return Promise.resolve(
      this.keyCustomerMonths.map((inspectionMonths) => ({ inspectionMonths })),
    );
  }
  planInspection(inspection: NewInspection) {
    const row = Object.assign(new LoanInspectionEntity(), {
      ...inspection,
      id: String(this.nextId++),
    });
    this.state.inspections.push(row);
    return Promise.resolve({ ...row });
  }

  transaction<T>(work: (tx: InspectionTransaction) => Promise<T>): Promise<T> {
    return this.register.run((next) => work(this.inTransaction(next)));
  }

  async once<T>(
    scope: string,
    key: string,
    _jobKey: string,
    work: (tx: InspectionTransaction) => Promise<T>,
  ) {
    const { result } = await this.register.once(`${scope}:${key}`, (next) =>
      work(this.inTransaction(next)),
    );
    return result;
  }

  private inTransaction(state: State): InspectionTransaction {
    const now = <T>(run: () => T): Promise<T> => Promise.resolve(run());
    const find = (id: string, loanId: string) =>
      state.inspections.find((row) => row.id === id && row.loanId === loanId);
    return {
      lockLoan: (loanId) => now(() => (loanId === state.loan.id ? { ...state.loan } : null)),
      ledger: () => now(() => ({ installments: this.schedule, applied: [] })),
      completeInspection: (id, loanId, report) =>
        now(() => {
          const row = find(id, loanId);
          if (row) Object.assign(row, report);
          return row !== undefined;
        }),
      lockInspection: (id, loanId) =>
        now(() => (find(id, loanId) ? { ...find(id, loanId)! } : null)),
      markEscalated: (id, at) =>
        now(
          () =>
            void Object.assign(state.inspections.find((row) => row.id === id) ?? {}, {
              escalatedAt: at,
            }),
        ),
      assertBetterLevelAllowed: () =>
        this.betterLevelRefused ? Promise.reject(this.betterLevelRefused) : Promise.resolve(),
      closeUpgradeProposal: () => now(() => void (state.loan.upgradeProposalOpen = false)),
      classify: (change) =>
        now(() => {
          state.classified.push(change);
          state.loan.classification = change.to;
        }),
      audit: (act) => now(() => void state.audited.push(act)),
    };
  }
}

function surroundings(register: FakeInspectionRecords) {
  const { parties } = servicedLoanRecords();
  const records = {
    fileForJob: () =>
      Promise.resolve({
        loan: register.state.loan,
        applicant: { ...parties[0], idNumberIndex: 'ix-330106199001011234' },
        guarantors: parties.slice(1),
      } as LoanFile),
  } as unknown as LoanRecords;
  const raised: Parameters<RiskWarnings['raise']>[0][] = [];
  const warnings = {
    raise: (request: Parameters<RiskWarnings['raise']>[0]) =>
      Promise.resolve(void raised.push(request)),
  } as unknown as RiskWarnings;
  return { records, warnings, raised, notifier: new RecordedNotifier() };
}

async function planned(over: Partial<LoanEntity> = {}) {
  const register = new FakeInspectionRecords(over);
  const step = surroundings(register);
  const { inspection } = await new PlanInspectionWorker(register, step.records).handle({
    loanId: LOAN,
    asOf: AS_OF,
  });
  return { register, ...step, inspection };
}

describe('planning the post-loan inspection (inspection.plan, 贷后检查)', () => {
  /** A grade-B consumer loan classified normal is inspected again six months after the last. */
  const DUE_UNLISTED = '2026-10-14';

  it('plans the first one after the payout, once until it is reported', async () => {
    const { register, records, inspection } = await planned();
    expect(inspection).toMatchObject({
      id: register.state.inspections[0]?.id,
      number: 1,
      kind: 'first',
    });
    // Consumer loans: the first inspection within 30 days of the payout on 15 March.
    expect(inspection).toMatchObject({ dueOn: '2026-04-14', dueAt: '2026-04-14T16:00:00.000Z' });
    const again = await new PlanInspectionWorker(register, records).handle({
      loanId: LOAN,
      asOf: AS_OF,
    });
    expect(again.inspection).toEqual(inspection);
    expect(register.state.inspections).toHaveLength(1);
  });

  it('plans none for a loan not paid out', async () => {
    const register = new FakeInspectionRecords({ disbursedAt: null });
    const { records } = surroundings(register);
    await expect(
      new PlanInspectionWorker(register, records).handle({ loanId: LOAN, asOf: AS_OF }),
    ).rejects.toThrow(
      new NonRetryableJobError(`loan ${LOAN} has not been disbursed: nothing to inspect`),
    );
  });

  it('plans the next one at the key-customer list’s interval when it is shorter (monthly here)', async () => {
    const reported = async (keyCustomerMonths: number[]) => {
      const { register, records, inspection } = await planned();
      register.state.inspections[0].completedAt = new Date(AS_OF);
      register.keyCustomerMonths = keyCustomerMonths;
      const { inspection: next } = await new PlanInspectionWorker(register, records).handle({
        loanId: LOAN,
        asOf: AS_OF,
      });
      expect(next.number).toBe(inspection.number + 1);
      return next.dueOn;
    };
    const [listed, notListed] = [await reported([1]), await reported([])];
    expect({ listed, notListed }).toEqual({ listed: '2026-05-14', notListed: DUE_UNLISTED });
  });
});

describe('recording the inspection report (inspection.record)', () => {
  const report = (proposedClassification: LoanClass, over: object = {}) =>
    Object.assign(new RecordInspectionInput(), {
      loanId: LOAN,
      asOf: AS_OF,
      inspectionId: '',
      inspectionReport: {
        borrowerSituation: 'stable',
        finances: 'stable',
        guarantees: 'adequate',
        collateral: 'not-applicable',
        useOfFunds: 'as-agreed',
        findings: '经营正常，按期还款',
        proposedClassification,
        warningLevel: 'none',
        by: 'zhou.pl',
        ...over,
      },
    });
  const record = (
    register: FakeInspectionRecords,
    warnings: RiskWarnings,
    input: RecordInspectionInput,
  ) =>
    new RecordInspectionWorker(register, warnings).handle(
      input,
      jobContext({ type: SERVICING_JOB.recordInspection }),
    );

  it('applies a worse level at once, on the officer’s name', async () => {
    const { register, warnings, inspection } = await planned();
    const outcome = await record(
      register,
      warnings,
      Object.assign(report('special-mention'), { inspectionId: inspection.id }),
    );
    expect(outcome).toEqual({
      upgradeProposed: false,
      proposedClassification: 'special-mention',
      inspectionWarning: null,
    });
    expect(register.state.inspections[0]).toMatchObject({
      completedOn: '2026-04-07',
      inspector: 'zhou.pl',
    });
    expect(register.state.classified).toEqual([
      expect.objectContaining({
        from: 'normal',
        to: 'special-mention',
        source: 'inspection',
        actor: staffActor('zhou.pl', 'post-loan-officer'),
      }),
    ]);
  });

  it('proposes a better level to the risk manager without applying it', async () => {
    const { register, warnings, inspection } = await planned({ classification: 'special-mention' });
    const outcome = await record(
      register,
      warnings,
      Object.assign(report('normal'), { inspectionId: inspection.id }),
    );
    expect(outcome).toMatchObject({ upgradeProposed: true, proposedClassification: 'normal' });
    expect(register.state.classified).toEqual([]);
  });

  it('leaves the level standing, with the rule on the trail, when the rules refuse the better level', async () => {
    const { register, warnings, inspection } = await planned({ classification: 'substandard' });
    register.betterLevelRefused = new DomainError('BELOW_FLOOR', 'the loan is 95 days past due');
    const outcome = await record(
      register,
      warnings,
      Object.assign(report('normal'), { inspectionId: inspection.id }),
    );
    expect(outcome).toMatchObject({
      upgradeProposed: false,
      proposedClassification: 'substandard',
    });
    expect(register.state.audited).toEqual([
      {
        actor: staffActor('zhou.pl', 'post-loan-officer'),
        action: 'loan.classify',
        outcome: 'refused',
        loanKey: LOAN,
        reason: 'BELOW_FLOOR: the loan is 95 days past due',
      },
    ]);
    expect(register.state.inspections[0]?.completedOn).toBe('2026-04-07');
  });

  it('raises the worse of the officer’s warning and the one the findings call for', async () => {
    const { register, warnings, raised, inspection } = await planned();
    const outcome = await record(
      register,
      warnings,
      Object.assign(report('normal', { warningLevel: 'yellow', useOfFunds: 'diverted' }), {
        inspectionId: inspection.id,
      }),
    );
    expect(outcome.inspectionWarning).toBe('orange');
    expect(raised).toEqual([
      expect.objectContaining({ level: 'orange', signal: 'inspection', loanId: LOAN }),
    ]);
  });

  it('refuses, writing nothing, an inspection the loan does not have', async () => {
    const { register, warnings } = await planned();
    await expect(
      record(register, warnings, Object.assign(report('normal'), { inspectionId: '1' })),
    ).rejects.toThrow(new NonRetryableJobError(`inspection 1 of loan ${LOAN} does not exist`));
    expect(register.state.audited).toEqual([]);
  });

  it('records it once however often the job is delivered', async () => {
    const { register, warnings, inspection } = await planned();
    const input = Object.assign(report('special-mention'), { inspectionId: inspection.id });
    const first = await record(register, warnings, input);
    expect(await record(register, warnings, input)).toEqual(first);
    expect(register.state.classified).toHaveLength(1);
  });
});

describe('an inspection not reported by its due date (inspection.escalate)', () => {
  it('is escalated to the branch’s center manager once, and not at all once reported', async () => {
    const { register, records, notifier, inspection } = await planned();
    const worker = new EscalateInspectionWorker(register, records, notifier);
    await worker.handle({ loanId: LOAN, inspectionId: inspection.id, asOf: AS_OF });
    await worker.handle({ loanId: LOAN, inspectionId: inspection.id, asOf: AS_OF });
    expect(register.state.audited).toEqual([
      expect.objectContaining({ actor: SYSTEM_ACTOR, action: 'inspection.late', loanKey: LOAN }),
    ]);
    expect(notifier.sent.map((n) => [n.dedupeKey, n.recipient])).toEqual([
      [`inspection-late:${inspection.id}`, 'role:center-manager:SB-HZ-XH'],
    ]);

    const reported = await planned();
    reported.register.state.inspections[0].completedAt = new Date(AS_OF);
    await new EscalateInspectionWorker(
      reported.register,
      reported.records,
      reported.notifier,
    ).handle({
      loanId: LOAN,
      inspectionId: reported.inspection.id,
      asOf: AS_OF,
    });
    expect(reported.register.state.audited).toEqual([]);
    expect(reported.notifier.sent).toEqual([]);
  });
});

describe('applying an approved better level (servicing.reclassify)', () => {
  const approval = (approved: boolean, over: Partial<ApplyUpgradeInput> = {}) =>
    Object.assign(new ApplyUpgradeInput(), {
      loanId: LOAN,
      asOf: AS_OF,
      proposedClassification: 'normal',
      upgradeSource: 'inspection',
      reclassificationApproval: { approved, reasons: '检查确认风险已化解', by: 'he.rm' },
      ...over,
    });

  it('applies the level the risk manager approved, on their name', async () => {
    const register = new FakeInspectionRecords({ classification: 'special-mention' });
    expect(await new ApplyUpgradeWorker(register).handle(approval(true))).toEqual({
      classification: 'normal',
    });
    expect(register.state.classified).toEqual([
      expect.objectContaining({
        from: 'special-mention',
        to: 'normal',
        actor: staffActor('he.rm', 'risk-manager'),
      }),
    ]);
  });

  it('keeps the level when the approval is refused', async () => {
    const register = new FakeInspectionRecords({ classification: 'special-mention' });
    expect(await new ApplyUpgradeWorker(register).handle(approval(false))).toEqual({
      classification: 'special-mention',
    });
    expect(register.state.classified).toEqual([]);
  });

  it('takes the system’s proposal from the loan and closes it, as a rule’s move', async () => {
    const register = new FakeInspectionRecords({
      classification: 'special-mention',
      upgradeProposalOpen: true,
      upgradeProposedLevel: 'normal',
    });
    await new ApplyUpgradeWorker(register).handle(
      approval(true, { upgradeSource: 'system', proposedClassification: null }),
    );
    expect(register.state.loan).toMatchObject({
      upgradeProposalOpen: false,
      classification: 'normal',
    });
    expect(register.state.classified[0]).toMatchObject({ source: 'rule' });
  });

  it('refuses the level the floor now forbids, with the rule on the trail', async () => {
    const register = new FakeInspectionRecords({ classification: 'special-mention' });
    register.betterLevelRefused = new DomainError('BELOW_FLOOR', 'the loan fell 40 days behind');
    expect(await new ApplyUpgradeWorker(register).handle(approval(true))).toEqual({
      classification: 'special-mention',
    });
    expect(register.state.audited).toEqual([
      expect.objectContaining({
        action: 'loan.classify',
        outcome: 'refused',
        reason: 'BELOW_FLOOR: the loan fell 40 days behind',
      }),
    ]);
  });
});
