import { DataSource } from 'typeorm';
import { CollectionEpisodeEntity, LoanEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, openOriginationStack, Staff, TestStack } from '../support';

const DAY = 24 * 3600 * 1000;

describe('a 12-month loan paid on time, on the broker clock', () => {
  let stack: TestStack;
  let staff: Staff;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await openOriginationStack(ServicingWorkersModule);
    staff = stack.staff!;
    dataSource = stack.api!.get(DataSource);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('takes twelve installments on their due dates, settles, and is archived by the archive officer', async () => {
    const loanId = await disbursedLoan(stack);
    const servicing = await stack.records.waitFor(
      'VARIABLE',
      (r) =>
        r.value.bpmnProcessId === 'loan-servicing' &&
        r.value.name === 'loanId' &&
        r.value.value === JSON.stringify(loanId),
    );
    const servicingKey = String(servicing.value.processInstanceKey);
    const installments = (await staff.get('li.cm', `/api/loans/${loanId}`)).body.schedule
      .installments as {
      number: number;
      dueDate: string;
      payment: string;
    }[];
    expect(installments).toHaveLength(12);

    for (const installment of installments) {
      // 10:00 in Beijing on the due date: the borrower pays the installment at the counter.
      const dueMorning = new Date(`${installment.dueDate}T10:00:00+08:00`).getTime();
      const now = (await stack.clock.now()).getTime();
      if (dueMorning > now) await stack.clock.advance(dueMorning - now);
      const paid = await staff.post('li.cm', `/api/loans/${loanId}/repayments`, {
        amount: installment.payment,
        paidAt: (await stack.clock.now()).toISOString(),
        channel: 'counter',
        idempotencyKey: `on-time-${loanId}-${installment.number}`,
      });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({
        unapplied: '0.00',
        position: { daysPastDue: 0, arrearsCleared: true },
      });
    }
    // The last due date ends: the check finds it paid and nothing outstanding.
    const last = installments[11];
    const afterLast = new Date(`${last.dueDate}T00:00:00+08:00`).getTime() + DAY + 60_000;
    await stack.clock.advance(afterLast - (await stack.clock.now()).getTime());

    const archiving = await eventually(
      async () =>
        ((await staff.get('song.archive', `/api/tasks?loan=${loanId}&type=loanflow:archive-file`))
          .body.items ?? []) as {
          id: string;
        }[],
      (items) => items.length === 1,
    );
    expect(archiving).toHaveLength(1);
    expect(
      (await dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('settled');
    const filed = await staff.post('song.archive', `/api/tasks/${archiving[0].id}/complete`, {
      answer: {
        archiveReference: `DA-${loanId.slice(-6)}`,
        location: 'Hangzhou branch archive room, cabinet 12',
      },
    });
    expect(filed.status).toBe(200);

    const closed = await stack.records.waitFor(
      'PROCESS_INSTANCE',
      (r) =>
        String(r.value.processInstanceKey) === servicingKey &&
        r.intent === 'ELEMENT_COMPLETED' &&
        r.value.elementId === 'LoanClosed',
      30_000,
    );
    expect(closed).toBeDefined();
    const loan = await eventually(
      () => dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }),
      (row) => row.status === 'archived',
    );
    expect(loan).toMatchObject({ status: 'archived', classification: 'normal' });
    expect(loan.settledAt).not.toBeNull();
    expect(await dataSource.getRepository(CollectionEpisodeEntity).countBy({ loanId })).toBe(0);
    const dossier = (await staff.get('li.cm', `/api/loans/${loanId}`)).body;
    expect(dossier.repayments).toHaveLength(12);
    expect(
      dossier.schedule.installments.every(
        (line: { principalPaid: string; principal: string }) =>
          line.principalPaid === line.principal,
      ),
    ).toBe(true);
    const acts = dossier.decisions.map((d: { action: string }) => d.action);
    expect(acts).toEqual(expect.arrayContaining(['loan.settle', 'loan.archive']));
  });
});
