import { SYSTEM_ACTOR } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import { NonRetryableJobError } from '@loanflow/workflow';
import { AS_OF, AT } from '../requests/request-decision-records.fixture';
import { LOAN } from '../requests/loan-request-records.fixture';
import { ArchiveInput, ArchiveLoanWorker } from './archive.worker';
import { FakeLoanClosingRecords } from './loan-closing-records.fixture';
import { SettleLoanWorker } from './settle.worker';

const settle = (register: FakeLoanClosingRecords) =>
  new SettleLoanWorker(register).handle({ loanId: LOAN, asOf: AS_OF });

const settledAct = {
  actor: SYSTEM_ACTOR,
  action: 'loan.settle',
  outcome: 'ok',
  loanKey: LOAN,
  reason: `settled on ${AS_OF}: nothing outstanding`,
};

describe('settling a loan (servicing.settle, 结清)', () => {
  it('records the loan settled at the engine’s moment and audits it once', async () => {
    const register = new FakeLoanClosingRecords();
    register.loanIn('disbursed');
    expect(await settle(register)).toEqual({ collateralToRelease: false });
    expect(register.loan()).toMatchObject({ status: 'settled', settledAt: AT });
    expect(register.refunds).toEqual([]);
    expect(register.audited).toEqual([settledAct]);
  });

  it('owes the borrower back what the advance account still holds', async () => {
    const register = new FakeLoanClosingRecords();
    register.loanIn('disbursed');
    register.held.set(LOAN, '123.45');
    await settle(register);
    expect(register.refunds).toEqual([
      {
        loanId: LOAN,
        amount: Money.parse('123.45'),
        reason: 'paid beyond what the loan owed: held in the advance account when it settled',
        dueAt: AT,
      },
    ]);
  });

  it('settles once however often the step is delivered: no second refund, no second entry', async () => {
    const register = new FakeLoanClosingRecords();
    register.loanIn('disbursed');
    register.held.set(LOAN, '10.00');
    await settle(register);
    await settle(register);
    expect(register.refunds).toHaveLength(1);
    expect(register.audited).toEqual([settledAct]);
  });

  it.each([
    ['mortgage', true],
    ['pledge', true],
    ['guarantor', false],
    ['credit', false],
  ] as const)('a %s loan says whether collateral is to be released (%s)', async (type, release) => {
    const register = new FakeLoanClosingRecords();
    register.loanIn('disbursed', { guaranteeType: type });
    expect(await settle(register)).toEqual({ collateralToRelease: release });
  });

  it('fails without retry, writing nothing, for a loan the register does not hold', async () => {
    const register = new FakeLoanClosingRecords();
    await expect(settle(register)).rejects.toThrow(
      new NonRetryableJobError(`loan ${LOAN} does not exist in the loan register`),
    );
    expect(register.audited).toEqual([]);
  });
});

describe('archiving a settled loan (servicing.archive, 归档)', () => {
  const archiveFile = {
    archiveReference: 'DA-2026-0042',
    location: '西溪支行档案室 3-2',
    by: 'zhou.ar',
  };
  const archive = (register: FakeLoanClosingRecords) =>
    new ArchiveLoanWorker(register).handle(
      Object.assign(new ArchiveInput(), { loanId: LOAN, archiveFile }),
    );

  it('moves the settled loan to archived with its reference on the trail', async () => {
    const register = new FakeLoanClosingRecords();
    register.loanIn('settled');
    await archive(register);
    expect(register.loan()?.status).toBe('archived');
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'loan.archive',
        outcome: 'ok',
        loanKey: LOAN,
        reason: 'archived as DA-2026-0042 at 西溪支行档案室 3-2 by zhou.ar',
      },
    ]);
  });

  it('records nothing for a loan archived by an earlier delivery, or not settled', async () => {
    for (const status of ['archived', 'disbursed'] as const) {
      const register = new FakeLoanClosingRecords();
      register.loanIn(status);
      await archive(register);
      expect(register.loan()?.status).toBe(status);
      expect(register.audited).toEqual([]);
    }
  });
});
