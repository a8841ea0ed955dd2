import { Logger } from '@nestjs/common';
import { AuditActor, SYSTEM_ACTOR } from '@loanflow/audit';
import type { WarningLevel } from '@loanflow/domain';
import { LoanRecords, servicedLoanSummaryOf } from '@loanflow/loans';
import type { PublishRequest, ZeebeClient } from '@loanflow/workflow';
import {
  RISK_WARNING_RAISED_MESSAGE,
  RISK_WARNING_SUPERSEDED_MESSAGE,
} from '../servicing.contract';
import { RaiseWarning, RiskWarnings } from './risk-warnings.service';
import { FakeWarningRecords, loanFile } from './warning-records.fixture';
import type { WarningTransaction } from './warning-records';

const LOAN = 'LN20260115-4QW7ZP';
const OTHER_LOAN = 'LN20260116-8JD3KX';
/** Sunday 27 September 2026, 10:00 in Beijing: installment 8, due on 15 September, is 12 days late. */
const AT = new Date('2026-09-27T02:00:00.000Z');
const OFFICER: AuditActor = {
  username: 'zhao.postloan',
  roles: ['post-loan-officer'],
  orgUnitCode: 'SB-HZ-XH',
};

/**
 * The broker's message endpoint: a message id it took once is refused with ALREADY_EXISTS while it
 * lives; `refuse` makes it fail a message as if it were away.
 */
class FakeBroker {
  readonly published: PublishRequest[] = [];
  readonly attempts: PublishRequest[] = [];
  refuse: ((message: PublishRequest) => boolean) | null = null;
  private readonly taken = new Set<string>();

  publishMessage(message: PublishRequest): Promise<{ key: string }> {
    this.attempts.push(message);
    if (this.refuse?.(message))
      return Promise.reject(new Error('14 UNAVAILABLE: No connection established'));
    if (message.messageId && this.taken.has(message.messageId))
      return Promise.reject(
        new Error(`6 ALREADY_EXISTS: message with id '${message.messageId}' was already published`),
      );
    if (message.messageId) this.taken.add(message.messageId);
    this.published.push(message);
    return Promise.resolve({ key: String(this.published.length) });
  }
}

function warningsOver(register: FakeWarningRecords) {
  const broker = new FakeBroker();
  /** Loans whose file cannot be read (the read fails each time). */
  const unreadable = new Set<string>();
  const loans = {
    fileForJob: (loanId: string) =>
      unreadable.has(loanId)
        ? Promise.reject(new Error(`loan file ${loanId}: connection reset`))
        : Promise.resolve(loanFile(loanId)),
  };
  const service = new RiskWarnings(
    register,
    loans as unknown as LoanRecords,
    broker as unknown as ZeebeClient,
  );
  return { service, broker, unreadable };
}

const request = (over: Partial<RaiseWarning> = {}): RaiseWarning => ({
  loanId: LOAN,
  level: 'yellow',
  signal: 'manual',
  description: '借款人经营的店铺已停业两周',
  actor: OFFICER,
  at: AT,
  ...over,
});

/** The start message of a warning raised on LOAN, as the service sends it. */
const raisedMessage = (warning: { id: string; level: WarningLevel; description: string }) => {
  const { loan, applicant, guarantors } = loanFile(LOAN);
  return {
    name: RISK_WARNING_RAISED_MESSAGE,
    correlationKey: warning.id,
    messageId: `risk-warning:${warning.id}`,
    timeToLive: 3_600_000,
    variables: {
      warningId: warning.id,
      loanId: LOAN,
      businessKey: LOAN,
      level: warning.level,
      signal: 'manual',
      description: warning.description,
      branchCode: 'SB-HZ-XH',
      customerManager: 'li.cm',
      loan: servicedLoanSummaryOf(loan, applicant, guarantors),
    },
  };
};

const supersededMessage = (supersededId: string, by: string) => ({
  name: RISK_WARNING_SUPERSEDED_MESSAGE,
  correlationKey: supersededId,
  messageId: `risk-warning-superseded:${supersededId}`,
  timeToLive: 3_600_000,
  variables: { supersededBy: by },
});

let warned: jest.SpyInstance;
beforeEach(() => {
  warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warned.mockRestore());

describe('risk warnings: the rules the service keeps over its register', () => {
  describe('raising a warning on a loan with none open', () => {
    it('opens it as the loan’s one open warning, audits it and starts its instance', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service, broker } = warningsOver(register);
      const raised = await service.raise(request());
      expect(raised.outcome).toBe('open');
      expect(raised.superseded).toBeNull();
      const id = raised.warning.id;
      expect(register.stored(id)).toEqual({
        id,
        loanId: LOAN,
        openKey: LOAN,
        level: 'yellow',
        signal: 'manual',
        description: '借款人经营的店铺已停业两周',
        raisedBy: 'zhao.postloan',
        raisedAt: AT,
        state: 'open',
        supersededBy: null,
        closedAt: null,
        resolution: null,
        publishedAt: expect.any(Date) as Date,
      });
      expect(register.audited).toEqual([
        {
          actor: OFFICER,
          action: 'warning.raise',
          outcome: 'ok',
          loanKey: LOAN,
          reason: `黄色预警 yellow warning ${id} (manual): 借款人经营的店铺已停业两周`,
        },
      ]);
      expect(broker.published).toEqual([
        raisedMessage({ id, level: 'yellow', description: '借款人经营的店铺已停业两周' }),
      ]);
    });

    it('names the system as the one who raised it when the actor has no user name', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service } = warningsOver(register);
      const raised = await service.raise(
        request({ actor: { username: null, roles: [], orgUnitCode: null }, signal: 'overdue' }),
      );
      expect(register.stored(raised.warning.id)?.raisedBy).toBe('system');
    });

    it('keeps the first 1000 characters of a longer description, in the row and the start message', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service, broker } = warningsOver(register);
      const description = '逾'.repeat(1200);
      const raised = await service.raise(request({ description }));
      expect(register.stored(raised.warning.id)?.description).toBe('逾'.repeat(1000));
      expect(broker.published[0]?.variables).toMatchObject({ description: '逾'.repeat(1000) });
    });

    it('refuses a loan that does not exist, writing and publishing nothing', async () => {
      const register = new FakeWarningRecords();
      const { service, broker } = warningsOver(register);
      await expect(service.raise(request())).rejects.toThrowDomainError('LOAN_NOT_FOUND', {
        message: `There is no loan ${LOAN}.`,
      });
      expect(register.warnings).toEqual([]);
      expect(register.audited).toEqual([]);
      expect(broker.attempts).toEqual([]);
    });

    it.each(['approved', 'contracts-signed', 'settled', 'written-off', 'archived'])(
      'refuses a loan that is %s: warnings are raised on loans being serviced',
      async (status) => {
        const register = new FakeWarningRecords();
        register.putLoan({ id: LOAN, status });
        const { service, broker } = warningsOver(register);
        await expect(service.raise(request({ level: 'red' }))).rejects.toThrowDomainError(
          'LOAN_NOT_IN_SERVICING',
          {
            message: `Loan ${LOAN} is ${status}: warnings are raised on loans being serviced.`,
          },
        );
        expect(register.warnings).toEqual([]);
        expect(register.audited).toEqual([]);
        expect(register.classified).toEqual([]);
        expect(broker.attempts).toEqual([]);
      },
    );

    it('raises on the loan under its lock, before reading its open warning', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service } = warningsOver(register);
      await service.raise(request());
      expect(register.calls.slice(0, 3)).toEqual(['transaction', 'lockLoan', 'openOf']);
    });
  });

  describe('raising while a warning is open', () => {
    it.each<[WarningLevel, WarningLevel]>([
      ['yellow', 'yellow'],
      ['orange', 'yellow'],
      ['orange', 'orange'],
      ['red', 'orange'],
      ['red', 'red'],
    ])(
      'an open %s warning stays when one of level %s is raised: already open, nothing written or sent',
      async (openLevel, level) => {
        const register = new FakeWarningRecords();
        register.putLoan({ id: LOAN });
        const open = register.put({ loanId: LOAN, level: openLevel });
        const { service, broker } = warningsOver(register);
        const raised = await service.raise(request({ level }));
        expect(raised).toEqual({ outcome: 'already-open', warning: open, superseded: null });
        expect(register.warnings).toEqual([open]);
        expect(register.audited).toEqual([]);
        expect(register.classified).toEqual([]);
        expect(broker.attempts).toEqual([]);
      },
    );

    it.each<[WarningLevel, WarningLevel]>([
      ['yellow', 'orange'],
      ['yellow', 'red'],
      ['orange', 'red'],
    ])(
      'an open %s warning is superseded by a worse one (%s): closed, linked, and its instance ended',
      async (openLevel, level) => {
        const register = new FakeWarningRecords();
        register.putLoan({ id: LOAN, classification: 'special-mention' });
        const open = register.put({ loanId: LOAN, level: openLevel });
        const { service, broker } = warningsOver(register);
        const raised = await service.raise(request({ level, description: '担保人涉诉' }));
        const id = raised.warning.id;
        expect(raised.outcome).toBe('supersede');
        expect(raised.superseded).toEqual({ ...open, state: 'superseded', supersededBy: id });
        expect(register.stored(open.id)).toEqual({
          ...open,
          openKey: null,
          state: 'superseded',
          supersededBy: id,
          closedAt: AT,
          resolution: `superseded by ${level} warning ${id}`,
        });
        expect(register.stored(id)).toMatchObject({ openKey: LOAN, state: 'open', level });
        expect(register.audited.map((act) => act.reason)).toEqual([
          expect.stringMatching(
            new RegExp(
              ` ${level} warning ${id} \\(manual\\): 担保人涉诉; supersedes ${openLevel} warning ${open.id}$`,
            ),
          ),
        ]);
        expect(broker.published).toEqual([
          raisedMessage({ id, level, description: '担保人涉诉' }),
          supersededMessage(open.id, id),
        ]);
      },
    );

    it('reads only the loan’s own open warning: another loan’s does not count', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      register.putLoan({ id: OTHER_LOAN });
      const theirs = register.put({ loanId: OTHER_LOAN, level: 'red' });
      const { service } = warningsOver(register);
      const raised = await service.raise(request({ level: 'orange' }));
      expect(raised.outcome).toBe('open');
      expect(register.stored(theirs.id)).toEqual(theirs);
    });

    it('a closed warning does not count as open', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      register.put({ loanId: LOAN, level: 'red', state: 'resolved' });
      const { service } = warningsOver(register);
      const raised = await service.raise(request({ level: 'yellow' }));
      expect(raised.outcome).toBe('open');
    });
  });

  describe('a red warning and the loan’s classification', () => {
    it('makes a normal loan special mention, with its days past due, in the same transaction', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service } = warningsOver(register);
      const raised = await service.raise(request({ level: 'red', description: '借款人失联' }));
      expect(register.classified).toEqual([
        {
          loanId: LOAN,
          from: 'normal',
          to: 'special-mention',
          daysPastDue: 12,
          source: 'warning',
          reason: `red warning ${raised.warning.id}: 借款人失联`,
          actor: OFFICER,
          at: AT,
        },
      ]);
      expect(register.loan(LOAN)?.classification).toBe('special-mention');
    });

    it.each(['special-mention', 'substandard', 'doubtful', 'loss'])(
      'leaves a loan already %s where it is',
      async (classification) => {
        const register = new FakeWarningRecords();
        register.putLoan({ id: LOAN, classification });
        const { service } = warningsOver(register);
        await service.raise(request({ level: 'red' }));
        expect(register.classified).toEqual([]);
        expect(register.loan(LOAN)?.classification).toBe(classification);
      },
    );

    it.each<WarningLevel>(['yellow', 'orange'])(
      'raising %s leaves a normal loan normal',
      async (level) => {
        const register = new FakeWarningRecords();
        register.putLoan({ id: LOAN });
        const { service } = warningsOver(register);
        await service.raise(request({ level }));
        expect(register.classified).toEqual([]);
        expect(register.calls).not.toContain('ledger');
      },
    );

    it('a red warning superseding an orange one also sets the floor', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      register.put({ loanId: LOAN, level: 'orange' });
      const { service } = warningsOver(register);
      await service.raise(request({ level: 'red' }));
      expect(register.classified).toHaveLength(1);
      expect(register.classified[0]).toMatchObject({ from: 'normal', to: 'special-mention' });
    });
  });

  describe('one transaction', () => {
    it('when the trail refuses the entry, the open warning stays open and nothing is sent', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const open = register.put({ loanId: LOAN, level: 'yellow' });
      register.auditFailure = new Error('Lock wait timeout exceeded');
      const { service, broker } = warningsOver(register);
      await expect(service.raise(request({ level: 'red' }))).rejects.toThrow(
        'Lock wait timeout exceeded',
      );
      expect(register.warnings).toEqual([open]);
      expect(register.classified).toEqual([]);
      expect(register.audited).toEqual([]);
      expect(broker.attempts).toEqual([]);
    });
  });

  describe('publishing: the row is the outbox of its start message', () => {
    it('with the broker away, the warning is raised all the same and left unpublished', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service, broker } = warningsOver(register);
      broker.refuse = () => true;
      const raised = await service.raise(request());
      expect(raised.outcome).toBe('open');
      expect(register.stored(raised.warning.id)).toMatchObject({
        state: 'open',
        publishedAt: null,
      });
      expect(broker.published).toEqual([]);
      expect(warned).toHaveBeenCalledWith(
        expect.stringContaining(`warning ${raised.warning.id}: not yet published (will retry)`),
      );
    });

    it('the sweep publishes it once the broker is back, and marks it published', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service, broker } = warningsOver(register);
      broker.refuse = () => true;
      const raised = await service.raise(request());
      broker.refuse = null;
      expect(await service.publishPending()).toBe(1);
      expect(broker.published).toEqual([
        raisedMessage({
          id: raised.warning.id,
          level: 'yellow',
          description: raised.warning.description,
        }),
      ]);
      expect(register.stored(raised.warning.id)?.publishedAt).toBeInstanceOf(Date);
      expect(await service.publishPending()).toBe(0);
    });

    it('when only the superseded message fails, the sweep sends it; the start message is not sent twice', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN, classification: 'special-mention' });
      const open = register.put({ loanId: LOAN, level: 'orange' });
      const { service, broker } = warningsOver(register);
      broker.refuse = (message) => message.name === RISK_WARNING_SUPERSEDED_MESSAGE;
      const raised = await service.raise(request({ level: 'red', description: '抵押物被查封' }));
      const id = raised.warning.id;
      expect(register.stored(id)?.publishedAt).toBeNull();
      broker.refuse = null;
      expect(await service.publishPending()).toBe(1);
      expect(broker.published).toEqual([
        raisedMessage({ id, level: 'red', description: '抵押物被查封' }),
        supersededMessage(open.id, id),
      ]);
      expect(register.stored(id)?.publishedAt).toBeInstanceOf(Date);
    });

    it('a start message the broker already has counts as published', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const pending = register.put({ loanId: LOAN, publishedAt: null });
      const { service, broker } = warningsOver(register);
      await broker.publishMessage({
        name: RISK_WARNING_RAISED_MESSAGE,
        correlationKey: pending.id,
        messageId: `risk-warning:${pending.id}`,
        variables: {},
      });
      expect(await service.publishPending()).toBe(1);
      expect(broker.published).toHaveLength(1);
      expect(register.stored(pending.id)?.publishedAt).toBeInstanceOf(Date);
    });

    it('the sweep takes open unpublished warnings only, oldest first, at most 100 at a time', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      register.put({ loanId: LOAN, publishedAt: null, state: 'superseded' });
      register.put({ loanId: LOAN, publishedAt: null, state: 'resolved' });
      register.put({ loanId: LOAN });
      const waiting = Array.from({ length: 102 }, () =>
        register.put({ loanId: LOAN, publishedAt: null }),
      );
      const { service, broker } = warningsOver(register);
      expect(await service.publishPending()).toBe(100);
      expect(broker.published.map((message) => message.correlationKey)).toEqual(
        waiting.slice(0, 100).map((warning) => warning.id),
      );
      expect(await service.publishPending()).toBe(2);
      expect(register.warnings.filter((w) => w.publishedAt === null).map((w) => w.state)).toEqual([
        'superseded',
        'resolved',
      ]);
    });

    it('one warning the broker refuses does not hold back the others', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const first = register.put({ loanId: LOAN, publishedAt: null });
      const second = register.put({ loanId: LOAN, publishedAt: null });
      const { service, broker } = warningsOver(register);
      broker.refuse = (message) => message.correlationKey === first.id;
      expect(await service.publishPending()).toBe(1);
      expect(register.stored(first.id)?.publishedAt).toBeNull();
      expect(register.stored(second.id)?.publishedAt).toBeInstanceOf(Date);
    });

    it('when the loan file cannot be read after the commit, the warning is raised all the same; the sweep publishes it', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service, broker, unreadable } = warningsOver(register);
      unreadable.add(LOAN);
      const raised = await service.raise(request());
      expect(raised.outcome).toBe('open');
      expect(register.stored(raised.warning.id)).toMatchObject({
        state: 'open',
        publishedAt: null,
      });
      expect(broker.attempts).toEqual([]);
      expect(warned).toHaveBeenCalledWith(
        expect.stringContaining(`warning ${raised.warning.id}: not yet published (will retry)`),
      );
      unreadable.delete(LOAN);
      expect(await service.publishPending()).toBe(1);
      expect(register.stored(raised.warning.id)?.publishedAt).toBeInstanceOf(Date);
    });

    it('when marking it published fails, the request still answers; the sweep repeats it harmlessly', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      const { service, broker } = warningsOver(register);
      const markPublished = jest
        .spyOn(register, 'markPublished')
        .mockRejectedValueOnce(new Error('Lost connection to MySQL server'));
      const raised = await service.raise(request());
      expect(register.stored(raised.warning.id)?.publishedAt).toBeNull();
      markPublished.mockRestore();
      expect(await service.publishPending()).toBe(1);
      expect(broker.published).toHaveLength(1);
      expect(register.stored(raised.warning.id)?.publishedAt).toBeInstanceOf(Date);
    });

    it('one warning whose loan file cannot be read does not stop the sweep: it is logged, counted and left for later', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      register.putLoan({ id: OTHER_LOAN });
      const bad = register.put({ loanId: OTHER_LOAN, publishedAt: null });
      const good = register.put({ loanId: LOAN, publishedAt: null });
      const { service, unreadable } = warningsOver(register);
      unreadable.add(OTHER_LOAN);
      expect(await service.publishPending()).toBe(1);
      expect(register.stored(bad.id)?.publishedAt).toBeNull();
      expect(register.stored(good.id)?.publishedAt).toBeInstanceOf(Date);
      expect(warned).toHaveBeenCalledWith(
        expect.stringContaining(`warning ${bad.id}: not yet published (will retry)`),
      );
      expect(warned).toHaveBeenCalledWith('1 of 2 warnings not yet published (will retry)');
    });

    it('an already-open outcome sends nothing', async () => {
      const register = new FakeWarningRecords();
      register.putLoan({ id: LOAN });
      register.put({ loanId: LOAN, level: 'orange', publishedAt: null });
      const { service, broker } = warningsOver(register);
      await service.raise(request({ level: 'orange' }));
      expect(broker.attempts).toEqual([]);
      expect(register.calls).not.toContain('markPublished');
    });
  });

  describe('withdrawing the open warning when the loan leaves servicing', () => {
    it('resolves it as the system, audits it and ends its instance', async () => {
      const register = new FakeWarningRecords();
      const open = register.put({ loanId: LOAN, level: 'orange' });
      const { service, broker } = warningsOver(register);
      await service.withdrawOpen(LOAN, 'the loan was written off', AT);
      expect(register.stored(open.id)).toEqual({
        ...open,
        state: 'resolved',
        openKey: null,
        closedAt: AT,
        resolution: 'the loan was written off',
      });
      expect(register.audited).toEqual([
        {
          actor: SYSTEM_ACTOR,
          action: 'warning.resolve',
          outcome: 'ok',
          loanKey: LOAN,
          reason: `warning ${open.id} withdrawn: the loan was written off`,
        },
      ]);
      expect(broker.published).toEqual([supersededMessage(open.id, '')]);
    });

    it('when the broker fails after the commit, a retry ends the withdrawn warning’s instance', async () => {
      const register = new FakeWarningRecords();
      const open = register.put({ loanId: LOAN, level: 'orange' });
      const { service, broker } = warningsOver(register);
      broker.refuse = () => true;
      await expect(service.withdrawOpen(LOAN, 'the loan was written off', AT)).rejects.toThrow(
        'UNAVAILABLE',
      );
      expect(register.stored(open.id)?.state).toBe('resolved');
      broker.refuse = null;
      await service.withdrawOpen(LOAN, 'the loan was written off', AT);
      expect(register.audited).toHaveLength(1);
      expect(broker.published).toEqual([supersededMessage(open.id, '')]);
      // Once more: the broker already has it, nothing fails and nothing is written.
      await service.withdrawOpen(LOAN, 'the loan was written off', AT);
      expect(register.audited).toHaveLength(1);
      expect(broker.published).toEqual([supersededMessage(open.id, '')]);
    });

    it('writes nothing when a delivery beside it withdrew the warning between its read and its write', async () => {
      const register = new FakeWarningRecords();
      const open = register.put({ loanId: LOAN, level: 'orange' });
      const inTransaction = register.transaction.bind(register);
      register.transaction = <T>(work: (tx: WarningTransaction) => Promise<T>) =>
        inTransaction((tx) =>
          work({
            ...tx,
            openOf: async (loanId) => {
              const read = await tx.openOf(loanId);
              await tx.updateOpen(loanId, open.id, { state: 'resolved', openKey: null });
              return read;
            },
          }),
        );
      const { service } = warningsOver(register);
      await service.withdrawOpen(LOAN, 'the loan was written off', AT);
      expect(register.stored(open.id)?.resolution).not.toBe('the loan was written off');
      expect(register.audited).toEqual([]);
    });

    it('does nothing when the loan has no open warning', async () => {
      const register = new FakeWarningRecords();
      const closed = register.put({ loanId: LOAN, state: 'resolved' });
      const theirs = register.put({ loanId: OTHER_LOAN });
      const { service, broker } = warningsOver(register);
      await service.withdrawOpen(LOAN, 'the loan was written off', AT);
      expect(register.warnings).toEqual([closed, theirs]);
      expect(register.audited).toEqual([]);
      expect(broker.attempts).toEqual([]);
    });

    it('when the trail refuses the entry, the warning stays open and its instance is not told', async () => {
      const register = new FakeWarningRecords();
      const open = register.put({ loanId: LOAN });
      register.auditFailure = new Error('Deadlock found when trying to get lock');
      const { service, broker } = warningsOver(register);
      await expect(service.withdrawOpen(LOAN, 'the loan was written off', AT)).rejects.toThrow(
        'Deadlock found',
      );
      expect(register.stored(open.id)).toEqual(open);
      expect(broker.attempts).toEqual([]);
    });
  });
});
