import {
  AuditEntryEntity,
  LoanClassificationEntity,
  LoanEntity,
  LoanInspectionEntity,
  RiskWarningEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '../support';

const INSPECTION = 'loanflow:inspection-report';
const UPGRADE = 'loanflow:reclassification-approval';

describe('post-loan inspections on the broker clock: a bad report reclassifies and warns, a better level only when earned and approved', () => {
  const suite = originationSuite(ServicingWorkersModule);

  const inspection = (loanId: string, number: number) =>
    eventually(
      () => suite.dataSource.getRepository(LoanInspectionEntity).findOneBy({ loanId, number }),
      (row) => row !== null,
    ).then((row) => row!);
  const loanRow = (loanId: string) =>
    suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
  const openOn = async (date: string) => {
    const at = new Date(`${date}T10:00:00+08:00`).getTime();
    const now = (await suite.stack.clock.now()).getTime();
    if (at > now) await suite.stack.clock.advance(at - now);
  };

  it('applies a worse level at once, raises the warning the findings call for, inspects monthly after, and refuses to lift a non-performing level the loan has not earned', async () => {
    const loanId = await disbursedLoan(suite.stack);
    const first = await inspection(loanId, 1);
    await openOn(first.opensOn);
    const task = await suite.staff.waitForTask('guo.postloan', loanId, INSPECTION);
    const bad = await suite.staff.post('guo.postloan', `/api/tasks/${task.id}/complete`, {
      answer: {
        borrowerSituation: 'changed',
        finances: 'declined',
        guarantees: 'not-applicable',
        collateral: 'not-applicable',
        useOfFunds: 'diverted',
        findings: 'the loan paid a gambling debt instead of the stated renovation',
        proposedClassification: 'substandard',
        warningLevel: 'yellow',
      },
    });
    expect(bad.status).toBe(200);
    expect(
      (
        await eventually(
          () => loanRow(loanId),
          (l) => l.classification === 'substandard',
        )
      ).classification,
    ).toBe('substandard');
    const history = await suite.dataSource
      .getRepository(LoanClassificationEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
    expect(history.map((h) => [h.level, h.source, h.actor])).toEqual([
      ['substandard', 'inspection', 'guo.postloan'],
    ]);
    // Diverted funds call for orange, whatever the officer asked: the worse of the two.
    const warning = await eventually(
      () => suite.dataSource.getRepository(RiskWarningEntity).findOneBy({ loanId, state: 'open' }),
      (w) => w !== null,
    );
    expect(warning).toMatchObject({
      level: 'orange',
      signal: 'inspection',
      raisedBy: 'guo.postloan',
    });
    expect(
      await suite.staff.waitForTask('guo.postloan', loanId, 'loanflow:remediation-plan'),
    ).toBeDefined();

    // Substandard: inspected every month from now on.
    const second = await inspection(loanId, 2);
    expect(second).toMatchObject({ kind: 'periodic', intervalMonths: 1 });
    await openOn(second.opensOn);
    const next = await suite.staff.waitForTask('guo.postloan', loanId, INSPECTION);
    const better = await suite.staff.post('guo.postloan', `/api/tasks/${next.id}/complete`, {
      answer: {
        borrowerSituation: 'stable',
        finances: 'stable',
        guarantees: 'not-applicable',
        collateral: 'not-applicable',
        useOfFunds: 'as-agreed',
        findings: 'the borrower repaid the diverted amount into the renovation account',
        proposedClassification: 'special-mention',
        warningLevel: 'none',
      },
    });
    expect(better.status).toBe(200);
    // Substandard is non-performing: under the 2023 rules it moves up only once the arrears are
    // paid and the loan has paid on time for two installments and six months. A report a month
    // later cannot lift it: refused with the rule, nothing put to the risk manager.
    const refusal = await eventually(
      () =>
        suite.dataSource.getRepository(AuditEntryEntity).findOneBy({
          loanKey: loanId,
          action: 'loan.classify',
          outcome: 'refused',
        }),
      (entry) => entry !== null,
    );
    expect(refusal!.reason).toMatch(/^UPGRADE_NOT_EARNED: /);
    expect(refusal!.actor).toBe('guo.postloan');
    expect(
      (
        (await suite.staff.get('yang.risk', `/api/tasks?loan=${loanId}&type=${UPGRADE}`)).body as {
          items: unknown[];
        }
      ).items,
    ).toEqual([]);
    expect((await loanRow(loanId)).classification).toBe('substandard');
    // The dossier shows the inspections and the warning; post-loan tasks do not change the stage.
    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.stage).toBe('disbursed');
    expect(dossier.inspections.slice(0, 2).map((i) => [i.number, i.inspector])).toEqual([
      [1, 'guo.postloan'],
      [2, 'guo.postloan'],
    ]);
    expect(dossier.warnings).toEqual([
      expect.objectContaining({ signal: 'inspection', raisedBy: 'guo.postloan' }),
    ]);
  });
});
