import {
  addDays,
  beijingDate,
  endOfBeijingDay,
  formatIsoDate,
  parseIsoDate,
} from '@loanflow/domain';
import { LoanEntity, LoanFollowUpEntity, RiskWarningEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '../support';

const FOLLOW_UP = 'loanflow:follow-up';

const CONSISTENT = {
  useOfFunds: 'consistent',
  fundsNotes: 'paid to the decorator named in the contract; invoices seen at the flat',
  contactConfirmed: true,
  findings: 'renovation under way as contracted, borrower reached on the phone on file',
};

/**
 * 贷后回访 on the real broker: after the payout the loan's customer manager gets the follow-up with
 * its due date (FOLLOW_UP_DAYS, 15 by default); misuse of the funds raises a warning through the
 * risk-warning process, a use consistent with the purpose raises none.
 */
describe('the follow-up after disbursement', () => {
  const suite = originationSuite(ServicingWorkersModule);

  const warningsOf = (loanId: string) =>
    suite.dataSource
      .getRepository(RiskWarningEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });

  it('gives the customer manager the follow-up due 15 days after the payout, refuses a bad answer naming the field, and warns orange on misuse', async () => {
    const loanId = await disbursedLoan(suite.stack);
    const loan = await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
    const dueOn = formatIsoDate(addDays(parseIsoDate(beijingDate(loan.disbursedAt!))!, 15));

    const listed = await suite.staff.waitForTask('li.cm', loanId, FOLLOW_UP);
    // Assigned to the loan's customer manager, with its deadline in the inbox.
    expect(listed).toMatchObject({
      type: FOLLOW_UP,
      assignee: 'li.cm',
      deadlineAt: endOfBeijingDay(dueOn).toISOString(),
      deadlineKind: 'task',
    });
    expect(
      await suite.dataSource.getRepository(LoanFollowUpEntity).findOneByOrFail({ loanId }),
    ).toMatchObject({ dueOn, completedAt: null });
    const detail = await suite.staff.task('li.cm', listed.id);
    expect(detail.context?.followUp).toMatchObject({ dueOn });
    const form = detail.form.schema as {
      properties: Record<string, { 'x-i18n': { zh: { title: string } } }>;
    };
    expect(form.properties.useOfFunds['x-i18n'].zh.title).toBe('资金用途核查');

    // Bad input: 400 naming each field, nothing recorded.
    const bad = await suite.staff.post('li.cm', `/api/tasks/${listed.id}/complete`, {
      answer: { ...CONSISTENT, useOfFunds: 'mostly', fundsNotes: 'ok', contactConfirmed: 'yes' },
    });
    expect(bad.status).toBe(400);
    const { fieldErrors } = bad.body as { fieldErrors: { field: string }[] };
    expect(fieldErrors.map((f) => f.field).sort()).toEqual([
      'answer.contactConfirmed',
      'answer.fundsNotes',
      'answer.useOfFunds',
    ]);
    // Only the customer managers of the branch: the post-loan officer is no candidate.
    const stranger = await suite.staff.post('guo.postloan', `/api/tasks/${listed.id}/complete`, {
      answer: CONSISTENT,
    });
    expect(stranger.status).toBe(403);

    const misuse = await suite.staff.post('li.cm', `/api/tasks/${listed.id}/complete`, {
      answer: {
        ...CONSISTENT,
        useOfFunds: 'inconsistent',
        fundsNotes: 'the decorator never received the money; it went to a securities account',
        findings: 'loan used to buy shares instead of the renovation stated on the application',
      },
    });
    expect(misuse.status).toBe(200);
    const [warning] = await eventually(
      () => warningsOf(loanId),
      (rows) => rows.length > 0,
    );
    expect(warning).toMatchObject({
      level: 'orange',
      signal: 'follow-up',
      raisedBy: 'li.cm',
      state: 'open',
    });
    expect(warning.description).toMatch(/funds inconsistent/);
    // The warning's own process runs: an orange warning asks for a remediation plan.
    expect(
      await suite.staff.waitForTask('guo.postloan', loanId, 'loanflow:remediation-plan'),
    ).toBeDefined();

    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.followUps).toEqual([
      expect.objectContaining({
        dueOn,
        completedBy: 'li.cm',
        late: false,
        useOfFunds: 'inconsistent',
        contactConfirmed: true,
        warningLevel: 'orange',
      }),
    ]);
    expect(dossier.warnings).toEqual([
      expect.objectContaining({ signal: 'follow-up', level: 'orange' }),
    ]);
    // Servicing goes on: the follow-up does not change the loan's stage.
    expect(dossier.stage).toBe('disbursed');
  });

  it('raises no warning when the money went to the stated purpose and the borrower is reachable', async () => {
    const loanId = await disbursedLoan(suite.stack);
    const task = await suite.staff.waitForTask('li.cm', loanId, FOLLOW_UP);
    const done = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: CONSISTENT,
    });
    expect(done.status).toBe(200);
    const row = await eventually(
      () => suite.dataSource.getRepository(LoanFollowUpEntity).findOneByOrFail({ loanId }),
      (r) => r.completedAt !== null,
    );
    expect(row).toMatchObject({
      useOfFunds: 'consistent',
      contactConfirmed: 1,
      warningLevel: null,
    });
    expect(await warningsOf(loanId)).toEqual([]);
    expect((await suite.staff.loan('li.cm', loanId)).followUps).toEqual([
      expect.objectContaining({ useOfFunds: 'consistent', warningLevel: null, late: false }),
    ]);
  });
});
