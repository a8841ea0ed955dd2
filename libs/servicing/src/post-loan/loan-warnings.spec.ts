import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { LoanRecords } from '@loanflow/loans';
import type { BusinessClock, PublishRequest, ZeebeClient } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { RISK_WARNING_RAISED_MESSAGE } from '../servicing.contract';
import { LoanWarnings } from './loan-warnings';
import { RiskWarnings } from './risk-warnings.service';
import { FakeWarningRecords, loanFile } from './warning-records.fixture';

const LOAN = 'LN20260115-4QW7ZP';
const OTHER_LOAN = 'LN20260116-8JD3KX';
const BRANCH = 'SB-HZ-XH';
/** Sunday 27 September 2026, 10:00 in Beijing. */
const NOW = new Date('2026-09-27T02:00:00.000Z');
const officer = staffPrincipal('guo.postloan', ['post-loan-officer'], BRANCH);

/** The routes' side of risk warnings over the warning register in memory and a broker that takes every message. */
function warningsOver(register = new FakeWarningRecords()) {
  register.putLoan({ id: LOAN });
  const published: PublishRequest[] = [];
  const zeebe = {
    publishMessage: (message: PublishRequest) => {
      published.push(message);
      return Promise.resolve({ key: String(published.length) });
    },
  } as unknown as ZeebeClient;
  const loans = {
    fileForJob: (loanId: string) => Promise.resolve(loanFile(loanId)),
  } as unknown as LoanRecords;
  const refused: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => {
      refused.push(act);
      return Promise.resolve();
    },
  } as unknown as AuditTrail;
  const clock = { now: () => Promise.resolve(NOW) } as unknown as BusinessClock;
  const warnings = new LoanWarnings(
    new RiskWarnings(register, loans, zeebe),
    register,
    clock,
    audit,
  );
  return { warnings, register, published, refused };
}

describe('warnings raised by hand and read on a loan', () => {
  it('raises the warning a person saw, as theirs, at the business clock’s time', async () => {
    const { warnings, register, published, refused } = warningsOver();
    const raised = await warnings.raiseByHand(
      officer,
      LOAN,
      'orange',
      '借款人经营的店铺已停业两周',
    );
    expect(raised).toEqual({
      outcome: 'open',
      warning: {
        id: expect.any(String) as unknown,
        loanId: LOAN,
        level: 'orange',
        signal: 'manual',
        description: '借款人经营的店铺已停业两周',
        raisedBy: 'guo.postloan',
        raisedAt: NOW.toISOString(),
        state: 'open',
        supersededBy: null,
        closedAt: null,
        resolution: null,
      },
    });
    expect(register.audited).toEqual([
      expect.objectContaining({
        action: 'warning.raise',
        outcome: 'ok',
        loanKey: LOAN,
        actor: { username: 'guo.postloan', roles: ['post-loan-officer'], orgUnitCode: BRANCH },
      }),
    ]);
    expect(published.map((m) => m.name)).toEqual([RISK_WARNING_RAISED_MESSAGE]);
    expect(refused).toEqual([]);
  });

  it('refuses the same or a milder level while one is open, naming it, and audits the refusal', async () => {
    const { warnings, register, published, refused } = warningsOver();
    const open = register.put({ loanId: LOAN, level: 'red' });
    for (const level of ['red', 'yellow'] as const)
      await expect(
        warnings.raiseByHand(officer, LOAN, level, '房东反映租金已拖欠两个月'),
      ).rejects.toThrowDomainError('WARNING_ALREADY_OPEN', {
        message: `Loan ${LOAN} already has an open red warning (${open.id}); raise a worse level to supersede it.`,
        details: { openWarning: expect.objectContaining({ id: open.id, level: 'red' }) as unknown },
      });
    expect(register.warnings.map((w) => w.id)).toEqual([open.id]);
    expect(register.audited).toEqual([]);
    expect(published).toEqual([]);
    expect(refused).toEqual([
      expect.objectContaining({
        action: 'warning.raise',
        outcome: 'refused',
        loanKey: LOAN,
        actor: expect.objectContaining({ username: 'guo.postloan' }) as unknown,
        reason: expect.stringMatching(/^WARNING_ALREADY_OPEN: Loan .* open red warning/) as unknown,
      }),
      expect.objectContaining({ outcome: 'refused' }),
    ]);
  });

  it('supersedes the open warning with a worse one, refusing nothing', async () => {
    const { warnings, register, refused } = warningsOver();
    const open = register.put({ loanId: LOAN, level: 'yellow' });
    const raised = await warnings.raiseByHand(officer, LOAN, 'red', '借款人已失联，经营场所关闭');
    expect(raised).toMatchObject({
      outcome: 'supersede',
      warning: { level: 'red', state: 'open' },
    });
    expect(register.stored(open.id)).toMatchObject({
      state: 'superseded',
      supersededBy: raised.warning.id,
    });
    expect(refused).toEqual([]);
  });

  it('leaves the other refusals to the rule that makes them: a loan not in servicing gets nothing', async () => {
    const { warnings, register, refused } = warningsOver();
    register.putLoan({ id: OTHER_LOAN, status: 'settled' });
    await expect(
      warnings.raiseByHand(officer, OTHER_LOAN, 'yellow', '借款人更换工作未告知银行'),
    ).rejects.toThrowDomainError('LOAN_NOT_IN_SERVICING');
    expect(register.warnings).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('lists the loan’s warnings in every state, in the order raised, and no other loan’s', async () => {
    const { warnings, register } = warningsOver();
    const first = register.put({
      loanId: LOAN,
      level: 'yellow',
      state: 'superseded',
      supersededBy: '0',
      closedAt: new Date('2026-09-10T02:00:00.000Z'),
      resolution: 'superseded by red warning',
    });
    register.put({ loanId: OTHER_LOAN, level: 'orange' });
    const second = register.put({ loanId: LOAN, level: 'red' });
    const listed = await warnings.listOf(LOAN);
    expect(listed.map((w) => [w.id, w.level, w.state])).toEqual([
      [first.id, 'yellow', 'superseded'],
      [second.id, 'red', 'open'],
    ]);
    expect(listed[0]).toMatchObject({
      raisedAt: '2026-09-01T02:00:00.000Z',
      closedAt: '2026-09-10T02:00:00.000Z',
      resolution: 'superseded by red warning',
    });
    expect(await warnings.listOf('LN20260101-AAAAAA')).toEqual([]);
  });
});
