import {
  addMonthsClamped,
  beijingDate,
  endOfBeijingDay,
  formatIsoDate,
  parseIsoDate,
} from '@loanflow/domain';
import {
  AuditEntryEntity,
  LoanEntity,
  CollateralValuationEntity,
  LoanCollateralEntity,
  LoanInstallmentEntity,
  LoanRevaluationEntity,
  NotificationEntity,
  RiskWarningEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import {
  applyAs,
  approvalOf,
  contractsFor,
  creditApplication,
  endEventOf,
  eventually,
  FORM,
  freshApplicant,
  originationSuite,
  REGISTRATION,
  RELEASE,
} from '../support';

const REVALUATION = 'loanflow:collateral-revaluation';

/**
 * 押品价值重估 on the broker clock: a consumer loan of 40,000.00 secured by a pledge of securities
 * appraised at 100,000.00 (LTV 40%, limit 50%) has its collateral revalued every quarter (the
 * default for securities). The clerk's task appears 7 days before the revaluation date, not
 * before; a value within the limit raises nothing; a fall that takes the loan above the limit
 * raises an orange warning asking for more security. The borrower pays six installments ahead, so
 * no installment falls overdue while the clock moves (an overdue one would raise its own warning).
 * Nobody does the follow-up meanwhile: it is escalated to the center manager at its due date.
 */
describe('collateral revaluation of a secured loan on the broker clock', () => {
  const suite = originationSuite(ServicingWorkersModule);

  const round = (loanId: string, number: number) =>
    eventually(
      () => suite.dataSource.getRepository(LoanRevaluationEntity).findOneBy({ loanId, number }),
      (row) => row !== null,
    ).then((row) => row!);
  const openOn = async (date: string) => {
    const at = new Date(`${date}T10:00:00+08:00`).getTime();
    const now = (await suite.stack.clock.now()).getTime();
    if (at > now) await suite.stack.clock.advance(at - now);
  };
  const warnings = (loanId: string) =>
    suite.dataSource
      .getRepository(RiskWarningEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });

  async function pledgedLoan(): Promise<string> {
    const applicant = freshApplicant();
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({
        applicant,
        amount: '40000.00',
        termMonths: 12,
        guaranteeType: 'pledge',
        collateral: [
          {
            kind: 'securities',
            description: '沪深 300 ETF 份额 30,000 份，托管于本行',
            ownerName: applicant.name,
            ownerIdNumber: applicant.idNumber,
            appraisedValue: '100000.00',
          },
        ],
        documents: [
          'id-card',
          'income-proof',
          'credit-authorization',
          'purpose-evidence',
          'collateral-ownership-certificate',
          'collateral-valuation-report',
        ],
      }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('40000.00', 12, '0.12'));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId, [], true));
    await desk.completeOk('ma.mortgage', FORM.collateral, REGISTRATION);
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');
    // Six installments paid ahead into the advance account, applied as each falls due.
    const installments = await suite.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' } });
    const ahead = installments
      .slice(0, 6)
      .reduce((sum, i) => sum + Number(i.principalMinor) + Number(i.interestMinor), 0);
    const paid = await suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
      amount: (ahead / 100).toFixed(2),
      paidAt: (await suite.stack.clock.now()).toISOString(),
      channel: 'counter',
      idempotencyKey: `revaluation-${loanId}`,
    });
    expect(paid.status).toBe(201);
    return loanId;
  }

  it('hands the clerk a revaluation on schedule, takes a value within the limit quietly, warns when a fall breaks the LTV limit, and escalates the follow-up left undone', async () => {
    const loanId = await pledgedLoan();
    const [item] = await suite.dataSource.getRepository(LoanCollateralEntity).findBy({ loanId });
    const first = await round(loanId, 1);
    expect(JSON.parse(first.collateralIdsJson)).toEqual([String(item.id)]);
    // Securities every 3 months from the payout; the task 7 days before.
    const loan = await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
    const payout = parseIsoDate(beijingDate(loan.disbursedAt!))!;
    expect(first.dueOn).toBe(formatIsoDate(addMonthsClamped(payout, 3)));
    expect(
      (
        (await suite.staff.get('ma.mortgage', `/api/tasks?loan=${loanId}&type=${REVALUATION}`))
          .body as {
          items: unknown[];
        }
      ).items,
    ).toEqual([]);

    await openOn(first.opensOn);
    const task = await suite.staff.waitForTask('ma.mortgage', loanId, REVALUATION);
    // The follow-up the customer manager left undone is escalated once its due date has passed.
    const late = await eventually(
      () =>
        suite.dataSource
          .getRepository(NotificationEntity)
          .findOneBy({ loanId, kind: 'follow-up-late' }),
      (row) => row !== null,
    );
    expect(late).toMatchObject({ channel: 'inbox', recipient: 'role:center-manager:SB-HZ-XH' });
    expect(
      await suite.dataSource
        .getRepository(AuditEntryEntity)
        .countBy({ loanKey: loanId, action: 'inspection.follow-up-late' }),
    ).toBe(1);
    // The inbox shows its deadline: the end of the revaluation date in Beijing.
    expect(task.deadlineAt).toBe(endOfBeijingDay(first.dueOn).toISOString());
    const detail = await suite.staff.task('ma.mortgage', task.id);
    expect(detail.context?.revaluation).toMatchObject({
      number: 1,
      dueOn: first.dueOn,
      items: [{ collateralId: String(item.id), kind: 'securities', lastValue: '100000.00' }],
    });

    // Another item than the one due, or a float-looking value: 400 naming the field.
    const wrong = await suite.staff.post('ma.mortgage', `/api/tasks/${task.id}/complete`, {
      answer: {
        items: [{ collateralId: '999999999', newValue: '90000.00', basis: 'market-price' }],
      },
    });
    expect(wrong.status).toBe(400);
    expect(
      (wrong.body as { fieldErrors: { field: string }[] }).fieldErrors.map((f) => f.field).sort(),
    ).toEqual(['answer.items', 'answer.items.0.collateralId']);
    const badValue = await suite.staff.post('ma.mortgage', `/api/tasks/${task.id}/complete`, {
      answer: { items: [{ collateralId: String(item.id), newValue: 9e4, basis: 'guess' }] },
    });
    expect(badValue.status).toBe(400);
    expect(
      (badValue.body as { fieldErrors: { field: string }[] }).fieldErrors
        .map((f) => f.field)
        .sort(),
    ).toEqual(['answer.items.0.basis', 'answer.items.0.newValue']);

    // Within the limit: recorded, no warning.
    const within = await suite.staff.post('ma.mortgage', `/api/tasks/${task.id}/complete`, {
      answer: {
        items: [
          {
            collateralId: String(item.id),
            newValue: '95000.00',
            basis: 'market-price',
            basisNotes: 'closing price on the revaluation date',
          },
        ],
      },
    });
    expect(within.status).toBe(200);
    const recorded = await eventually(
      () => round(loanId, 1),
      (row) => row.completedAt !== null,
    );
    expect(recorded).toMatchObject({
      valuedBy: 'ma.mortgage',
      collateralValueMinor: '9500000',
      ltvLimit: '0.5000',
      withinLimit: 1,
      shortfallMinor: '0',
      warningLevel: null,
    });
    expect(Number(recorded.ltv)).toBeLessThan(0.5);
    expect(await warnings(loanId)).toEqual([]);

    // The next quarter: the price has fallen to 40,000.00, which secures 20,000.00 at 50%; the
    // principal owed is then about 24,000.00 to 34,000.00 (as many installments as the checks have
    // applied from the advance), above what the pledge secures yet below its value: orange.
    const second = await round(loanId, 2);
    expect(second.dueOn > first.dueOn).toBe(true);
    await openOn(second.opensOn);
    const next = await suite.staff.waitForTask('ma.mortgage', loanId, REVALUATION);
    const breach = await suite.staff.post('ma.mortgage', `/api/tasks/${next.id}/complete`, {
      answer: {
        items: [{ collateralId: String(item.id), newValue: '40000.00', basis: 'market-price' }],
        remarks: 'the index fell by more than half',
      },
    });
    expect(breach.status).toBe(200);
    const [warning] = await eventually(
      () => warnings(loanId),
      (rows) => rows.length > 0,
    );
    expect(warning).toMatchObject({
      level: 'orange',
      signal: 'revaluation',
      raisedBy: 'ma.mortgage',
      state: 'open',
    });
    expect(warning.description).toMatch(/more security or a repayment of \d+\.\d{2} is needed/);
    const breached = await round(loanId, 2);
    expect(breached).toMatchObject({ withinLimit: 0, warningLevel: 'orange', ltvLimit: '0.5000' });
    expect(Number(breached.ltv)).toBeGreaterThan(0.5);
    // The remediation plan the orange warning asks for is where more security is agreed.
    expect(
      await suite.staff.waitForTask('guo.postloan', loanId, 'loanflow:remediation-plan'),
    ).toBeDefined();

    // Each value kept per item, and the dossier shows both rounds.
    const history = await suite.dataSource
      .getRepository(CollateralValuationEntity)
      .find({ where: { collateralId: String(item.id) }, order: { id: 'ASC' } });
    expect(history.map((h) => [h.previousValueMinor, h.valueMinor, h.basis])).toEqual([
      ['10000000', '9500000', 'market-price'],
      ['9500000', '4000000', 'market-price'],
    ]);
    // The next round is planned by the job after the one that raised the warning (and its task).
    await round(loanId, 3);
    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.followUps).toEqual([expect.objectContaining({ completedOn: null, late: true })]);
    // Two rounds recorded, the next quarter's planned.
    expect(dossier.revaluations).toEqual([
      expect.objectContaining({ number: 1, withinLimit: true, collateralValue: '95000.00' }),
      expect.objectContaining({ number: 2, withinLimit: false, warningLevel: 'orange' }),
      expect.objectContaining({ number: 3, completedOn: null, withinLimit: null }),
    ]);
    expect(dossier.collateral[0]).toMatchObject({
      appraisedValue: '100000.00',
      currentValue: '40000.00',
      valuations: [
        expect.objectContaining({ value: '95000.00', valuedBy: 'ma.mortgage' }),
        expect.objectContaining({ previousValue: '95000.00', value: '40000.00' }),
      ],
    });
    const act = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: loanId, action: 'collateral.revalue' });
    expect(act).toHaveLength(2);
  });
});
