import { SYSTEM_ACTOR } from '@loanflow/audit';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import { Money, WarningLevel } from '@loanflow/domain';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';
import { NonRetryableJobError, PublishRequest, ZeebeClient } from '@loanflow/workflow';
import type { CollectionBands } from '../collection/collection-bands';
import { SCHEDULE_REVISED_MESSAGE } from '../servicing.contract';
import { FakeWarningRecords, twelveMonths } from './warning-records.fixture';
import type { WarningTransaction } from './warning-records';
import {
  EscalateWarningInput,
  EscalateWarningWorker,
  NotifyWarningLateWorker,
  RecallLoanInput,
  RecallLoanWorker,
  ResolveWarningInput,
  ResolveWarningWorker,
  WarningStep,
} from './warning.workers';

const LOAN = 'LN20260115-4QW7ZP';
const OTHER_LOAN = 'LN20260116-8JD3KX';
/**
 * The engine's moment of the step: Sunday 11 October 2026, 09:00 in Beijing. Installments 1 to 7
 * are paid, 8 (15 September) is 26 days late, 9 falls due on 15 October.
 */
const AS_OF = '2026-10-11T01:00:00.000Z';
const AT = new Date(AS_OF);

function loanFile(loanId: string): LoanFile {
  const loan = Object.assign(new LoanEntity(), {
    id: loanId,
    branchCode: 'SB-HZ-XH',
    customerManager: 'li.cm',
  });
  const applicant = Object.assign(new LoanPartyEntity(), {
    loanId,
    role: 'applicant',
    name: '张伟',
    phone: '13800138000',
  });
  return { loan, applicant, guarantors: [], collateral: [], contracts: [], documentKinds: [] };
}

/**
 * What the workers talk to besides the register: the loan file, the notifier, the broker, the bands.
 * A failure put in `failOnce` is thrown by the next call to that one, once.
 */
function surroundings() {
  const failOnce: Partial<Record<'notifier' | 'zeebe' | 'bands', Error>> = {};
  const failing = (what: keyof typeof failOnce) => {
    const failure = failOnce[what];
    delete failOnce[what];
    return failure;
  };
  const published: PublishRequest[] = [];
  const reassessed: [string, string, Date][] = [];
  const fileReads: string[] = [];
  const loans = {
    fileForJob: (loanId: string) => {
      fileReads.push(loanId);
      return Promise.resolve(loanFile(loanId));
    },
  } as unknown as LoanRecords;
  // As the recorded notifier: a dedupe key sent before is the first notice, not another.
  const notifier = new RecordedNotifier();
  notifier.sentAt = AS_OF;
  notifier.failing = () => failing('notifier');
  const notices = notifier.sent;
  const zeebe = {
    publishMessage: (message: PublishRequest) => {
      const failure = failing('zeebe');
      if (failure) return Promise.reject(failure);
      published.push(message);
      return Promise.resolve({ key: '1' });
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
  return { loans, notifier, zeebe, bands, notices, published, reassessed, fileReads, failOnce };
}

describe('escalating a warning (warning.escalate)', () => {
  const input = (over: Partial<EscalateWarningInput> & Pick<EscalateWarningInput, 'warningId'>) =>
    Object.assign(new EscalateWarningInput(), {
      loanId: LOAN,
      escalateTo: 'orange',
      escalationReason: 'no remediation within 10 days',
      asOf: AS_OF,
      ...over,
    });

  function workerOver(register: FakeWarningRecords) {
    const around = surroundings();
    return {
      ...around,
      worker: new EscalateWarningWorker(register, around.loans, around.notifier),
    };
  }

  it('raises the level, audits it and tells the branch’s center manager', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'yellow' });
    const { worker, notices } = workerOver(register);
    expect(await worker.handle(input({ warningId: warning.id }))).toEqual({ level: 'orange' });
    expect(register.stored(warning.id)).toEqual({ ...warning, level: 'orange' });
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'warning.escalate',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `warning ${warning.id} yellow → orange (橙色预警): no remediation within 10 days`,
      },
    ]);
    expect(notices).toEqual([
      {
        dedupeKey: `warning-escalated:${warning.id}:orange`,
        loanId: LOAN,
        channel: 'inbox',
        recipient: 'role:center-manager:SB-HZ-XH',
        kind: 'warning-escalated',
        subject: `橙色预警 Risk warning escalated: ${LOAN}`,
        body: `Warning ${warning.id} on loan ${LOAN} is now orange: no remediation within 10 days`,
      },
    ]);
    expect(register.classified).toEqual([]);
    // Under the loan's lock it reads the warning again before it writes.
    expect(register.calls).toEqual([
      'oneOfLoan',
      'transaction',
      'lockLoan',
      'openOf',
      'update',
      'audit',
    ]);
  });

  it('writes nothing when a delivery beside it escalated the warning between its read and its lock', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'yellow' });
    const inTransaction = register.transaction.bind(register);
    register.transaction = <T>(work: (tx: WarningTransaction) => Promise<T>) =>
      inTransaction(async (tx) => {
        await tx.update(warning.id, { level: 'orange' });
        return work(tx);
      });
    const { worker, notices } = workerOver(register);
    expect(await worker.handle(input({ warningId: warning.id }))).toEqual({ level: 'orange' });
    expect(register.audited).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('says “escalated” when the step gives no reason', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'yellow' });
    const { worker, notices } = workerOver(register);
    await worker.handle(input({ warningId: warning.id, escalationReason: undefined }));
    expect(register.audited.map((act) => act.reason)).toEqual([
      `warning ${warning.id} yellow → orange (橙色预警): escalated`,
    ]);
    expect(notices.map((notice) => notice.body)).toEqual([
      `Warning ${warning.id} on loan ${LOAN} is now orange: `,
    ]);
  });

  it.each<[WarningLevel, WarningLevel]>([
    ['orange', 'orange'],
    ['orange', 'yellow'],
    ['red', 'orange'],
    ['red', 'red'],
  ])(
    'asked to go from %s to %s, the warning keeps its level: nothing written, nobody told',
    async (level, escalateTo) => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const warning = register.put({ loanId: LOAN, level });
      const { worker, notices, fileReads } = workerOver(register);
      expect(await worker.handle(input({ warningId: warning.id, escalateTo }))).toEqual({ level });
      expect(register.stored(warning.id)).toEqual(warning);
      expect(register.audited).toEqual([]);
      expect(register.classified).toEqual([]);
      expect(notices).toEqual([]);
      expect(fileReads).toEqual([]);
      expect(register.calls).toEqual(['oneOfLoan', 'escalationRecorded']);
    },
  );

  it.each(['resolved', 'superseded'] as const)(
    'leaves a %s warning as it is: a late escalation neither raises it nor reclassifies the loan',
    async (state) => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const warning = register.put({ loanId: LOAN, level: 'orange', state, openKey: null });
      const { worker, notices } = workerOver(register);
      expect(await worker.handle(input({ warningId: warning.id, escalateTo: 'red' }))).toEqual({
        level: 'orange',
      });
      expect(register.stored(warning.id)).toEqual(warning);
      expect(register.audited).toEqual([]);
      expect(register.classified).toEqual([]);
      expect(notices).toEqual([]);
    },
  );

  it('a redelivered job finds the level reached and writes nothing more; its notice is the first one', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'yellow' });
    const { worker, notices } = workerOver(register);
    const first = await worker.handle(input({ warningId: warning.id }));
    const again = await worker.handle(input({ warningId: warning.id }));
    expect(again).toEqual(first);
    expect(register.audited).toHaveLength(1);
    expect(notices).toHaveLength(1);
  });

  it('when the notice fails after the commit, the redelivered job sends it, the same, without writing again', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'orange' });
    const { worker, notices, failOnce } = workerOver(register);
    failOnce.notifier = new Error('inbox unavailable');
    const step = input({
      warningId: warning.id,
      escalateTo: 'red',
      escalationReason: '借款人失联',
    });
    await expect(worker.handle(step)).rejects.toThrow('inbox unavailable');
    expect(register.stored(warning.id)?.level).toBe('red');
    expect(notices).toEqual([]);
    expect(await worker.handle(step)).toEqual({ level: 'red' });
    expect(register.audited).toHaveLength(1);
    expect(register.classified).toHaveLength(1);
    expect(notices).toEqual([
      {
        dedupeKey: `warning-escalated:${warning.id}:red`,
        loanId: LOAN,
        channel: 'inbox',
        recipient: 'role:center-manager:SB-HZ-XH',
        kind: 'warning-escalated',
        subject: `红色预警 Risk warning escalated: ${LOAN}`,
        body: `Warning ${warning.id} on loan ${LOAN} is now red: 借款人失联`,
      },
    ]);
  });

  it('a warning raised red and reviewed red again tells nobody: no escalation on the trail', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'red' });
    register.audited.push(
      {
        actor: SYSTEM_ACTOR,
        action: 'warning.escalate',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `warning ${warning.id}7 orange → red (红色预警): another warning`,
      },
      {
        actor: SYSTEM_ACTOR,
        action: 'warning.escalate',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `warning ${warning.id} yellow → orange (橙色预警): a lower level`,
      },
    );
    const { worker, notices, fileReads } = workerOver(register);
    expect(await worker.handle(input({ warningId: warning.id, escalateTo: 'red' }))).toEqual({
      level: 'red',
    });
    expect(notices).toEqual([]);
    expect(fileReads).toEqual([]);
  });

  it('turning red makes a normal loan special mention, under the loan’s lock, at the engine’s moment', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'orange' });
    const { worker, notices } = workerOver(register);
    const result = await worker.handle(
      input({ warningId: warning.id, escalateTo: 'red', escalationReason: '借款人失联' }),
    );
    expect(result).toEqual({ level: 'red' });
    expect(register.classified).toEqual([
      {
        loanId: LOAN,
        from: 'normal',
        to: 'special-mention',
        daysPastDue: 26,
        source: 'warning',
        reason: `warning ${warning.id} turned red: 借款人失联`,
        actor: SYSTEM_ACTOR,
        at: AT,
      },
    ]);
    expect(register.loan(LOAN)?.classification).toBe('special-mention');
    expect(register.calls).toEqual([
      'oneOfLoan',
      'transaction',
      'lockLoan',
      'openOf',
      'update',
      'ledger',
      'classify',
      'audit',
    ]);
    expect(notices.map((notice) => notice.subject)).toEqual([
      `红色预警 Risk warning escalated: ${LOAN}`,
    ]);
  });

  it('turning red without a reason names the escalation as the reason of the reclassification', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'yellow' });
    const { worker } = workerOver(register);
    await worker.handle(
      input({ warningId: warning.id, escalateTo: 'red', escalationReason: undefined }),
    );
    expect(register.classified.map((change) => change.reason)).toEqual([
      `warning ${warning.id} turned red: escalated`,
    ]);
  });

  it.each(['special-mention', 'substandard', 'loss'])(
    'turning red leaves a loan already %s where it is',
    async (classification) => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN, classification });
      const warning = register.put({ loanId: LOAN, level: 'orange' });
      const { worker } = workerOver(register);
      await worker.handle(input({ warningId: warning.id, escalateTo: 'red' }));
      expect(register.stored(warning.id)?.level).toBe('red');
      expect(register.classified).toEqual([]);
      expect(register.loan(LOAN)?.classification).toBe(classification);
    },
  );

  it('fails without retries for a warning the loan does not have, writing nothing', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const theirs = register.put({ loanId: OTHER_LOAN, level: 'yellow' });
    const { worker, notices } = workerOver(register);
    const failure = worker.handle(input({ warningId: theirs.id }));
    await expect(failure).rejects.toThrow(NonRetryableJobError);
    await expect(failure).rejects.toThrow(`warning ${theirs.id} of loan ${LOAN} does not exist`);
    expect(register.stored(theirs.id)).toEqual(theirs);
    expect(register.audited).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('fails without retries on an engine moment it cannot read, before reading the register', async () => {
    const register = new FakeWarningRecords();
    const warning = register.put({ loanId: LOAN });
    const { worker } = workerOver(register);
    await expect(worker.handle(input({ warningId: warning.id, asOf: 'now' }))).rejects.toThrow(
      NonRetryableJobError,
    );
    expect(register.calls).toEqual([]);
  });

  it('raises, reclassifies and audits in one transaction: when the audit fails, nothing changes and nobody is told', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const warning = register.put({ loanId: LOAN, level: 'orange' });
    register.auditFailure = new Error('Lock wait timeout exceeded');
    const { worker, notices } = workerOver(register);
    await expect(
      worker.handle(input({ warningId: warning.id, escalateTo: 'red' })),
    ).rejects.toThrow('Lock wait timeout exceeded');
    expect(register.stored(warning.id)).toEqual(warning);
    expect(register.classified).toEqual([]);
    expect(register.loan(LOAN)?.classification).toBe('normal');
    expect(notices).toEqual([]);
  });
});

describe('a red warning’s emergency plan is late (warning.notify-late)', () => {
  it('tells the center manager of the loan’s branch, once per warning', async () => {
    const { loans, notifier, notices } = surroundings();
    const worker = new NotifyWarningLateWorker(loans, notifier);
    await worker.handle(
      Object.assign(new WarningStep(), { loanId: LOAN, warningId: '4711', asOf: AS_OF }),
    );
    expect(notices).toEqual([
      {
        dedupeKey: 'warning-plan-late:4711',
        loanId: LOAN,
        channel: 'inbox',
        recipient: 'role:center-manager:SB-HZ-XH',
        kind: 'warning-plan-late',
        subject: `红色预警应急预案逾期 Emergency plan overdue: ${LOAN}`,
        body: `Red warning 4711 on loan ${LOAN} has had no emergency plan for 5 days.`,
      },
    ]);
  });
});

describe('recalling the loan (warning.recall)', () => {
  const WARNING = '4711';
  const input = (over: Partial<RecallLoanInput> = {}) =>
    Object.assign(new RecallLoanInput(), {
      loanId: LOAN,
      warningId: WARNING,
      recallDueOn: '2026-10-31',
      asOf: AS_OF,
      ...over,
    });

  function workerOver(register: FakeWarningRecords) {
    const around = surroundings();
    return {
      ...around,
      worker: new RecallLoanWorker(
        register,
        around.loans,
        around.notifier,
        around.zeebe,
        around.bands,
      ),
    };
  }

  it('replaces the installments not yet due on the recall date by one, and tells the borrower, servicing and collection', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const { worker, notices, published, reassessed } = workerOver(register);
    await worker.handle(input());
    // Installment 9 falls due on 15 October, before the recall date: it stays. 10 to 12 become one
    // installment due on 31 October: their principal and the interest of 15 to 31 October on it
    // (3,000.00 × 5.8% × 16 / 360).
    const installments = register.loan(LOAN)?.ledger.installments ?? [];
    expect(installments.map((row) => [row.number, row.dueDate])).toEqual([
      [1, '2026-02-15'],
      [2, '2026-03-15'],
      [3, '2026-04-15'],
      [4, '2026-05-15'],
      [5, '2026-06-15'],
      [6, '2026-07-15'],
      [7, '2026-08-15'],
      [8, '2026-09-15'],
      [9, '2026-10-15'],
      [10, '2026-10-31'],
    ]);
    expect(installments[9]?.principal.toDecimalString()).toBe('3000.00');
    expect(installments[9]?.interest.toDecimalString()).toBe('7.73');
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'loan.recall',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `loan called in on 2026-10-11: installments 10, 11, 12 replaced by installment 10 of 3000.00 principal and 7.73 interest due on 2026-10-31 (red warning ${WARNING})`,
      },
    ]);
    expect(notices).toEqual([
      {
        dedupeKey: `early-recall:${WARNING}`,
        loanId: LOAN,
        channel: 'sms',
        recipient: '13800138000',
        kind: 'early-recall',
        subject: '贷款提前收回通知 Notice of early recall',
        body: `尊敬的张伟: 根据借款合同约定, 本行决定提前收回贷款 ${LOAN}, 请于 2026-10-31 前归还剩余本金及利息共 3007.73 元, 如有疑问请与客户经理联系。`,
      },
    ]);
    expect(published).toEqual([
      {
        name: SCHEDULE_REVISED_MESSAGE,
        correlationKey: LOAN,
        messageId: `${SCHEDULE_REVISED_MESSAGE}:recall:${WARNING}`,
        timeToLive: 3_600_000,
        variables: { recallWarningId: WARNING },
      },
    ]);
    expect(reassessed).toEqual([[LOAN, '2026-10-11', AT]]);
  });

  it.each([
    ['a date already past', '2026-10-01'],
    ['today', '2026-10-11'],
    ['no date', undefined],
    ['a null date', null],
  ])('with %s the loan falls due today', async (_case, recallDueOn) => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const { worker, notices } = workerOver(register);
    await worker.handle(input({ recallDueOn }));
    // 9 to 12 become one installment due on 11 October: 4,000.00 and the interest of 15 September
    // to 11 October (4,000.00 × 5.8% × 26 / 360).
    const installments = register.loan(LOAN)?.ledger.installments ?? [];
    expect(installments.map((row) => row.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(installments[8]).toEqual({
      number: 9,
      dueDate: '2026-10-11',
      principal: Money.parse('4000.00'),
      interest: Money.parse('16.76'),
    });
    expect(notices.map((notice) => notice.body)).toEqual([
      expect.stringContaining('请于 2026-10-11 前归还剩余本金及利息共 4016.76 元'),
    ]);
  });

  it('when every installment is already due, leaves the schedule and asks for the arrears at once', async () => {
    const register = new FakeWarningRecords();
    const ledger = twelveMonths(7);
    register.putLoan({ id: LOAN, ledger });
    const { worker, notices, published, reassessed } = workerOver(register);
    await worker.handle(input({ asOf: '2027-02-01T01:00:00.000Z', recallDueOn: undefined }));
    expect(register.loan(LOAN)?.ledger).toEqual(ledger);
    expect(register.audited.map((act) => [act.outcome, act.reason])).toEqual([
      [
        'ok',
        `loan called in on 2027-02-01: every installment is already due (red warning ${WARNING})`,
      ],
    ]);
    expect(notices.map((notice) => notice.body)).toEqual([
      `尊敬的张伟: 根据借款合同约定, 本行决定提前收回贷款 ${LOAN}, 请立即归还全部逾期款项, 如有疑问请与客户经理联系。`,
    ]);
    expect(published).toEqual([]);
    expect(reassessed).toEqual([[LOAN, '2027-02-01', new Date('2027-02-01T01:00:00.000Z')]]);
  });

  it.each<[string, Parameters<FakeWarningRecords['putLoan']>[0]]>([
    ['that is settled', { id: LOAN, status: 'settled' }],
    ['that is written off', { id: LOAN, status: 'written-off' }],
    ['without a rate', { id: LOAN, annualRate: null }],
    ['never paid out', { id: LOAN, disbursedAt: null }],
  ])(
    'a loan %s has nothing to recall: the refusal is audited and nothing else happens',
    async (_case, loan) => {
      const register = new FakeWarningRecords();
      const before = register.putLoan(loan);
      const { worker, notices, published, reassessed } = workerOver(register);
      await worker.handle(input());
      expect(register.audited).toEqual([
        {
          actor: SYSTEM_ACTOR,
          action: 'loan.recall',
          outcome: 'refused',
          loanKey: LOAN,
          reason: `nothing to recall: the loan is ${before.status} (red warning ${WARNING})`,
        },
      ]);
      expect(register.loan(LOAN)).toEqual(before);
      expect(notices).toEqual([]);
      expect(published).toEqual([]);
      expect(reassessed).toEqual([]);
    },
  );

  it('a redelivered job finds the recall on the trail and changes nothing more', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const { worker } = workerOver(register);
    await worker.handle(input());
    const recalled = register.loan(LOAN);
    register.calls.length = 0;
    await worker.handle(input({ asOf: '2026-10-12T01:00:00.000Z', recallDueOn: '2026-11-30' }));
    expect(register.loan(LOAN)).toEqual(recalled);
    expect(register.audited).toHaveLength(1);
    expect(register.calls).toEqual(['transaction', 'lockLoan', 'recallRecorded', 'ledger']);
  });

  it.each(['notifier', 'zeebe', 'bands'] as const)(
    'when the %s fails after the commit, the redelivered job tells the borrower, servicing and collection what the recall did',
    async (failed) => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { worker, notices, published, reassessed, failOnce } = workerOver(register);
      failOnce[failed] = new Error('14 UNAVAILABLE');
      await expect(worker.handle(input())).rejects.toThrow('14 UNAVAILABLE');
      const recalled = register.loan(LOAN);
      // Redelivered the next day, with another date asked: the recall done stands.
      const later = '2026-10-12T01:00:00.000Z';
      await worker.handle(input({ asOf: later, recallDueOn: '2026-11-30' }));
      expect(register.loan(LOAN)).toEqual(recalled);
      expect(register.audited).toHaveLength(1);
      expect(notices).toEqual([
        {
          dedupeKey: `early-recall:${WARNING}`,
          loanId: LOAN,
          channel: 'sms',
          recipient: '13800138000',
          kind: 'early-recall',
          subject: '贷款提前收回通知 Notice of early recall',
          body: `尊敬的张伟: 根据借款合同约定, 本行决定提前收回贷款 ${LOAN}, 请于 2026-10-31 前归还剩余本金及利息共 3007.73 元, 如有疑问请与客户经理联系。`,
        },
      ]);
      expect(new Set(published.map((message) => message.messageId))).toEqual(
        new Set([`${SCHEDULE_REVISED_MESSAGE}:recall:${WARNING}`]),
      );
      expect(reassessed.at(-1)).toEqual([LOAN, '2026-10-12', new Date(later)]);
    },
  );

  it('a redelivered job after a recall with every installment due asks for the arrears again, and publishes nothing', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const { worker, notices, published, failOnce } = workerOver(register);
    failOnce.notifier = new Error('SMS gateway timeout');
    const step = input({ asOf: '2027-02-01T01:00:00.000Z', recallDueOn: undefined });
    await expect(worker.handle(step)).rejects.toThrow('SMS gateway timeout');
    await worker.handle(step);
    expect(register.audited).toHaveLength(1);
    expect(notices.map((notice) => notice.body)).toEqual([
      `尊敬的张伟: 根据借款合同约定, 本行决定提前收回贷款 ${LOAN}, 请立即归还全部逾期款项, 如有疑问请与客户经理联系。`,
    ]);
    expect(published).toEqual([]);
  });

  it('a redelivered job after a refusal does not refuse again', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN, status: 'settled' });
    const { worker, notices, published, reassessed, fileReads } = workerOver(register);
    await worker.handle(input());
    await worker.handle(input());
    expect(register.audited.map((act) => act.outcome)).toEqual(['refused']);
    expect(notices).toEqual([]);
    expect(published).toEqual([]);
    expect(reassessed).toEqual([]);
    expect(fileReads).toEqual([]);
  });

  it('a recall on the trail for another warning or another loan does not count', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    register.audited.push(
      {
        actor: SYSTEM_ACTOR,
        action: 'loan.recall',
        outcome: 'ok',
        loanKey: LOAN,
        reason: 'loan called in on 2026-09-01: every installment is already due (red warning 47)',
      },
      {
        actor: SYSTEM_ACTOR,
        action: 'loan.recall',
        outcome: 'ok',
        loanKey: OTHER_LOAN,
        reason: `loan called in on 2026-09-01: every installment is already due (red warning ${WARNING})`,
      },
    );
    const { worker, published } = workerOver(register);
    await worker.handle(input());
    expect(register.audited).toHaveLength(3);
    expect(register.loan(LOAN)?.ledger.installments).toHaveLength(10);
    expect(published).toHaveLength(1);
  });

  it('reads the ledger under the loan’s lock, after the trail', async () => {
    const register = new FakeWarningRecords();
    register.putLoan({ id: LOAN });
    const { worker } = workerOver(register);
    await worker.handle(input());
    expect(register.calls).toEqual([
      'transaction',
      'lockLoan',
      'recallRecorded',
      'ledger',
      'replaceInstallments',
      'audit',
    ]);
  });

  it('fails without retries for a loan that does not exist', async () => {
    const register = new FakeWarningRecords();
    const { worker, notices } = workerOver(register);
    const failure = worker.handle(input());
    await expect(failure).rejects.toThrow(NonRetryableJobError);
    await expect(failure).rejects.toThrow(`loan ${LOAN} does not exist`);
    expect(register.audited).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('replaces and audits in one transaction: when the audit fails, the schedule stays and nobody is told', async () => {
    const register = new FakeWarningRecords();
    const before = register.putLoan({ id: LOAN });
    register.auditFailure = new Error('Lock wait timeout exceeded');
    const { worker, notices, published, reassessed } = workerOver(register);
    await expect(worker.handle(input())).rejects.toThrow('Lock wait timeout exceeded');
    expect(register.loan(LOAN)).toEqual(before);
    expect(notices).toEqual([]);
    expect(published).toEqual([]);
    expect(reassessed).toEqual([]);
  });
});

describe('resolving a warning (warning.resolve)', () => {
  const input = (over: Partial<ResolveWarningInput> & Pick<ResolveWarningInput, 'warningId'>) =>
    Object.assign(new ResolveWarningInput(), {
      loanId: LOAN,
      resolution: '借款人已恢复经营, 风险可控',
      asOf: AS_OF,
      ...over,
    });

  it('closes the open warning on the reviewer’s grounds, freeing the loan for another, and audits it', async () => {
    const register = new FakeWarningRecords();
    const warning = register.put({ loanId: LOAN, level: 'orange' });
    await new ResolveWarningWorker(register).handle(input({ warningId: warning.id }));
    expect(register.stored(warning.id)).toEqual({
      ...warning,
      state: 'resolved',
      openKey: null,
      closedAt: AT,
      resolution: '借款人已恢复经营, 风险可控',
    });
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'warning.resolve',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `warning ${warning.id} closed: 借款人已恢复经营, 风险可控`,
      },
    ]);
  });

  it('without grounds given, records it as resolved', async () => {
    const register = new FakeWarningRecords();
    const warning = register.put({ loanId: LOAN });
    await new ResolveWarningWorker(register).handle(
      input({ warningId: warning.id, resolution: undefined }),
    );
    expect(register.stored(warning.id)?.resolution).toBe('resolved');
    expect(register.audited.map((act) => act.reason)).toEqual([
      `warning ${warning.id} closed: resolved`,
    ]);
  });

  it.each<['resolved' | 'superseded']>([['resolved'], ['superseded']])(
    'leaves a warning already %s as it is, without another entry (a redelivered job)',
    async (state) => {
      const register = new FakeWarningRecords();
      const warning = register.put({
        loanId: LOAN,
        state,
        closedAt: new Date('2026-10-01T02:00:00.000Z'),
        resolution: 'earlier',
      });
      await new ResolveWarningWorker(register).handle(input({ warningId: warning.id }));
      expect(register.stored(warning.id)).toEqual(warning);
      expect(register.audited).toEqual([]);
    },
  );

  it('closes a warning once however often the job is delivered', async () => {
    const register = new FakeWarningRecords();
    const warning = register.put({ loanId: LOAN });
    const worker = new ResolveWarningWorker(register);
    await worker.handle(input({ warningId: warning.id }));
    const closed = { ...register.stored(warning.id) };
    await worker.handle(input({ warningId: warning.id, asOf: '2026-10-12T01:00:00.000Z' }));
    expect(register.stored(warning.id)).toEqual(closed);
    expect(register.audited).toHaveLength(1);
  });

  it('does not close another loan’s warning', async () => {
    const register = new FakeWarningRecords();
    const theirs = register.put({ loanId: OTHER_LOAN });
    await new ResolveWarningWorker(register).handle(input({ warningId: theirs.id }));
    expect(register.stored(theirs.id)).toEqual(theirs);
    expect(register.audited).toEqual([]);
  });

  it('closes and audits in one transaction: when the audit fails, the warning stays open', async () => {
    const register = new FakeWarningRecords();
    const warning = register.put({ loanId: LOAN });
    register.auditFailure = new Error('Lock wait timeout exceeded');
    await expect(
      new ResolveWarningWorker(register).handle(input({ warningId: warning.id })),
    ).rejects.toThrow('Lock wait timeout exceeded');
    expect(register.stored(warning.id)).toEqual(warning);
  });

  it('fails without retries on an engine moment it cannot read, before writing', async () => {
    const register = new FakeWarningRecords();
    const warning = register.put({ loanId: LOAN });
    await expect(
      new ResolveWarningWorker(register).handle(input({ warningId: warning.id, asOf: '' })),
    ).rejects.toThrow(NonRetryableJobError);
    expect(register.calls).toEqual([]);
  });
});
