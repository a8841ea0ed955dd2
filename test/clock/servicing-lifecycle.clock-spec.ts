import { beijingDate } from '@loanflow/domain';
import {
  CollectionEpisodeEntity,
  LoanEntity,
  LoanInspectionEntity,
  NotificationEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '../support';

const DAY = 24 * 3600 * 1000;
const INSPECTION = 'loanflow:inspection-report';

/** An inspection that finds nothing wrong. */
const CLEAN_INSPECTION = {
  borrowerSituation: 'stable',
  finances: 'stable',
  guarantees: 'not-applicable',
  collateral: 'not-applicable',
  useOfFunds: 'as-agreed',
  findings: 'visited the borrower at work; income and purchase receipts as stated',
  proposedClassification: 'normal',
  warningLevel: 'none',
};

describe('a 12-month loan paid on time, on the broker clock', () => {
  const suite = originationSuite(ServicingWorkersModule);

  const inspection = (loanId: string, number: number) =>
    eventually(
      () => suite.dataSource.getRepository(LoanInspectionEntity).findOneBy({ loanId, number }),
      (row) => row !== null,
    );
  const plusDays = (date: string, days: number) =>
    beijingDate(new Date(new Date(`${date}T12:00:00+08:00`).getTime() + days * DAY));

  it('takes twelve installments on their due dates, inspects on schedule (a late report escalates), settles, and is archived', async () => {
    const loanId = await disbursedLoan(suite.stack);
    const servicing = await suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        r.value.bpmnProcessId === 'loan-servicing' &&
        r.value.name === 'loanId' &&
        r.value.value === JSON.stringify(loanId),
    );
    const servicingKey = String(servicing.value.processInstanceKey);
    const installments = (await suite.staff.loan('li.cm', loanId)).schedule!.installments;
    expect(installments).toHaveLength(12);

    // The first inspection of a consumer loan is due 30 days after disbursement, handed out 7 days before.
    const disbursedAt = (
      await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })
    ).disbursedAt!;
    const first = (await inspection(loanId, 1))!;
    expect(first).toMatchObject({
      kind: 'first',
      dueOn: plusDays(beijingDate(disbursedAt), 30),
      opensOn: plusDays(beijingDate(disbursedAt), 23),
    });
    expect(
      (
        (await suite.staff.get('guo.postloan', `/api/tasks?loan=${loanId}&type=${INSPECTION}`))
          .body as {
          items: unknown[];
        }
      ).items,
    ).toHaveLength(0);
    const opensMorning = new Date(`${first.opensOn}T10:00:00+08:00`).getTime();
    await suite.stack.clock.advance(opensMorning - (await suite.stack.clock.now()).getTime());
    const firstTask = await suite.staff.waitForTask('guo.postloan', loanId, INSPECTION);
    expect(firstTask.dueAt).toBe(
      new Date(`${plusDays(first.dueOn, 1)}T00:00:00+08:00`).toISOString(),
    );
    const reported = await suite.staff.post('guo.postloan', `/api/tasks/${firstTask.id}/complete`, {
      answer: CLEAN_INSPECTION,
    });
    expect(reported.status).toBe(200);
    // Then every 6 months for a grade A consumer loan, counted from the first one's due date.
    const second = (await inspection(loanId, 2))!;
    const riskGrade = (
      await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })
    ).riskGrade;
    expect(riskGrade).toBe('A');
    expect(second).toMatchObject({ kind: 'periodic', intervalMonths: 6 });
    expect(second.dueOn.slice(5, 7)).toBe(
      String(((Number(first.dueOn.slice(5, 7)) + 5) % 12) + 1).padStart(2, '0'),
    );
    expect((await inspection(loanId, 1))!).toMatchObject({
      inspector: 'guo.postloan',
      escalatedAt: null,
    });

    for (const installment of installments) {
      // 10:00 in Beijing on the due date: the borrower pays the installment at the counter.
      const dueMorning = new Date(`${installment.dueDate}T10:00:00+08:00`).getTime();
      const now = (await suite.stack.clock.now()).getTime();
      if (dueMorning > now) await suite.stack.clock.advance(dueMorning - now);
      const paid = await suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
        amount: installment.payment,
        paidAt: (await suite.stack.clock.now()).toISOString(),
        channel: 'counter',
        idempotencyKey: `on-time-${loanId}-${installment.number}`,
      });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({
        unapplied: '0.00',
        position: { daysPastDue: 0, arrearsCleared: true },
      });
    }
    // The second inspection was never reported: its due date passed and it was escalated.
    const late = await eventually(
      () =>
        suite.dataSource.getRepository(LoanInspectionEntity).findOneByOrFail({ loanId, number: 2 }),
      (row) => row.escalatedAt !== null,
    );
    expect(late.completedAt).toBeNull();
    expect(late.escalatedAt!.getTime()).toBeGreaterThanOrEqual(
      new Date(`${plusDays(late.dueOn, 1)}T00:00:00+08:00`).getTime(),
    );
    // The notice goes out after the escalation's commit.
    expect(
      await eventually(
        () =>
          suite.dataSource
            .getRepository(NotificationEntity)
            .findOneBy({ loanId, kind: 'inspection-late' }),
        (row) => row !== null,
      ),
    ).toMatchObject({ recipient: 'role:center-manager:SB-HZ-XH' });

    // The last due date ends: the check finds it paid and nothing outstanding.
    const last = installments[11];
    const afterLast = new Date(`${last.dueDate}T00:00:00+08:00`).getTime() + DAY + 60_000;
    await suite.stack.clock.advance(afterLast - (await suite.stack.clock.now()).getTime());

    const archiving = await eventually(
      async () =>
        (
          (
            await suite.staff.get(
              'song.archive',
              `/api/tasks?loan=${loanId}&type=loanflow:archive-file`,
            )
          ).body as { items?: { id: string }[] }
        ).items ?? [],
      (items) => items.length === 1,
    );
    expect(archiving).toHaveLength(1);
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('settled');
    // A policy kept in the vault for the loan is released when the settled file is filed.
    const policy = await suite.staff.post(
      'song.archive',
      `/api/loans/${loanId}/archive/valuables`,
      {
        kind: 'insurance-policy',
        reference: `PICC-${loanId.slice(-6)}`,
        description: '借款人信用保证保险保单',
        location: '杭州分行凭证库 B-01',
      },
    );
    expect(policy.status).toBe(201);
    const filed = await suite.staff.post('song.archive', `/api/tasks/${archiving[0].id}/complete`, {
      answer: {
        archiveReference: `DA-${loanId.slice(-6)}`,
        location: 'Hangzhou branch archive room, cabinet 12',
      },
    });
    expect(filed.status).toBe(200);

    const closed = await suite.stack.records.waitFor(
      'PROCESS_INSTANCE',
      (r) =>
        String(r.value.processInstanceKey) === servicingKey &&
        r.intent === 'ELEMENT_COMPLETED' &&
        r.value.elementId === 'LoanClosed',
      30_000,
    );
    expect(closed).toBeDefined();
    const loan = await eventually(
      () => suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }),
      (row) => row.status === 'archived',
    );
    expect(loan).toMatchObject({ status: 'archived', classification: 'normal' });
    expect(loan.settledAt).not.toBeNull();
    const register = (await suite.staff.get('song.archive', `/api/loans/${loanId}/archive`))
      .body as {
      file: unknown;
      valuables: { movements: { movement: string }[] }[];
    };
    expect(register.file).toMatchObject({
      kind: 'settled',
      reference: `DA-${loanId.slice(-6)}`,
      status: 'in-custody',
      closedAt: loan.settledAt!.toISOString(),
    });
    expect(register.valuables).toEqual([
      expect.objectContaining({ id: (policy.body as { id: string }).id, status: 'released' }),
    ]);
    expect(register.valuables[0].movements.map((m) => m.movement)).toEqual(['in', 'released']);
    expect(await suite.dataSource.getRepository(CollectionEpisodeEntity).countBy({ loanId })).toBe(
      0,
    );
    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.repayments).toHaveLength(12);
    expect(
      dossier.schedule?.installments.every((line) => line.principalPaid === line.principal),
    ).toBe(true);
    const acts = dossier.decisions.map((d) => d.action);
    expect(acts).toEqual(
      expect.arrayContaining(['loan.settle', 'loan.archive', 'inspection.late']),
    );
    // Closing the loan ended its inspections: the late one left the officer's inbox.
    expect(
      (
        await eventually(
          async () =>
            (
              (
                await suite.staff.get(
                  'guo.postloan',
                  `/api/tasks?loan=${loanId}&type=${INSPECTION}`,
                )
              ).body as { items: unknown[] }
            ).items,
          (items) => items.length === 0,
        )
      ).length,
    ).toBe(0);
  });
});
