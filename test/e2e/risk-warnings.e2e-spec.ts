import type { components } from '@loanflow/api-client';
import {
  LoanInstallmentEntity,
  AuditEntryEntity,
  LoanEntity,
  NotificationEntity,
  RiskWarningEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;
type Raised = components['schemas']['RaisedWarningView'];

const EMERGENCY = 'loanflow:emergency-plan';
const LEGAL = 'loanflow:legal-action';
const REVIEW = 'loanflow:warning-review';

describe('risk warnings: raised by staff, a red one starts the emergency path with the risk manager', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let loanId: string;

  beforeAll(async () => {
    loanId = await disbursedLoan(suite.stack);
  });

  const raise = (username: string, body: object) =>
    suite.staff.post(username, `/api/loans/${loanId}/warnings`, body);

  it('refuses bad input with the field, and people who may not raise warnings with 403 (audited)', async () => {
    const bad = await raise('guo.postloan', { level: 'purple', description: 'short' });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field).sort(),
    ).toEqual(['description', 'level']);
    const forbidden = await raise('jiang.audit', {
      level: 'red',
      description: 'an auditor may read warnings, not raise them',
    });
    expect(forbidden.status).toBe(403);
    expect((forbidden.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
    expect(await suite.dataSource.getRepository(RiskWarningEntity).countBy({ loanId })).toBe(0);
    const refusals = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ actor: 'jiang.audit', outcome: 'refused' });
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('runs the red path: emergency plan, early recall and legal action carried out, then closed on review', async () => {
    const raised = await raise('yang.risk', {
      level: 'red',
      description: 'borrower’s employer closed down; salary account empty for two months',
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      outcome: 'open',
      warning: { level: 'red', signal: 'manual', raisedBy: 'yang.risk', state: 'open' },
    });
    const warningId: string = (raised.body as Raised).warning.id;
    // A red signal is a potential loss: the loan is at least special mention at once.
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }))
        .classification,
    ).toBe('special-mention');
    // The same or a milder level adds nothing while it is open.
    const again = await raise('guo.postloan', {
      level: 'orange',
      description: 'rent arrears reported by the landlord',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'WARNING_ALREADY_OPEN',
      details: { openWarning: { id: warningId, level: 'red' } },
    });

    const plan = await suite.staff.waitForTask('yang.risk', loanId, EMERGENCY);
    // Beside the form, what the warning is about.
    expect(
      ((await suite.staff.get('yang.risk', `/api/tasks/${plan.id}`)).body as { context: unknown })
        .context,
    ).toEqual({
      level: 'red',
      signal: 'manual',
      description: 'borrower’s employer closed down; salary account empty for two months',
    });
    const undated = await suite.staff.post('yang.risk', `/api/tasks/${plan.id}/complete`, {
      answer: {
        measures: ['early-recall', 'legal-action'],
        notes: 'recall the loan and preserve the borrower’s car before it is sold',
      },
    });
    expect(undated.status).toBe(400);
    expect(
      (undated.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field),
    ).toEqual(['answer.recallDueOn']);
    const today = (
      (await suite.staff.get('yang.risk', '/api/system/business-date')).body as { date: string }
    ).date;
    const recallDueOn = new Date(Date.parse(`${today}T00:00:00Z`) + 15 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const planned = await suite.staff.post('yang.risk', `/api/tasks/${plan.id}/complete`, {
      answer: {
        measures: ['early-recall', 'legal-action'],
        recallDueOn,
        notes: 'recall the loan and preserve the borrower’s car before it is sold',
      },
    });
    expect(planned.status).toBe(200);
    // 提前收回: every installment not yet due becomes one, due on the recall date, with all the
    // principal and the interest accrued to it; servicing waits for that date.
    const recalled = await eventually(
      () =>
        suite.dataSource
          .getRepository(LoanInstallmentEntity)
          .find({ where: { loanId }, order: { number: 'ASC' } }),
      (rows) => rows.length === 1,
    );
    expect(recalled).toEqual([
      expect.objectContaining({ number: 1, dueDate: recallDueOn, principalMinor: '1200000' }),
    ]);
    expect(Number(recalled[0].interestMinor)).toBeGreaterThan(0);
    expect(
      await suite.stack.records.waitFor(
        'VARIABLE',
        (r) =>
          r.value.bpmnProcessId === 'loan-servicing' &&
          r.value.name === 'nextInstallment' &&
          String(r.value.value).includes(`"dueDate":"${recallDueOn}"`),
        30_000,
      ),
    ).toBeDefined();
    const recall = await eventually(
      () =>
        suite.dataSource
          .getRepository(NotificationEntity)
          .findOneBy({ loanId, kind: 'early-recall' }),
      (n) => n !== null,
    );
    expect(recall).toMatchObject({ channel: 'sms' });
    const legal = await suite.staff.waitForTask('tang.legal', loanId, LEGAL);
    expect(
      (
        await suite.staff.post('tang.legal', `/api/tasks/${legal.id}/complete`, {
          answer: {
            outcome: 'pursuing',
            reference: 'PRESERVE-2027-0042',
            notes: 'asset preservation order filed',
          },
        })
      ).status,
    ).toBe(200);
    const review = await suite.staff.waitForTask('yang.risk', loanId, REVIEW);
    expect(
      (
        await suite.staff.post('yang.risk', `/api/tasks/${review.id}/complete`, {
          answer: { decision: 'close', notes: 'car preserved, recall under way through the court' },
        })
      ).status,
    ).toBe(200);

    const closed = await eventually(
      () => suite.dataSource.getRepository(RiskWarningEntity).findOneByOrFail({ id: warningId }),
      (w) => w.state === 'resolved',
    );
    expect(closed).toMatchObject({ state: 'resolved', openKey: null });
    const listed = await suite.staff.get('li.cm', `/api/loans/${loanId}/warnings`);
    expect(listed.body).toEqual([expect.objectContaining({ id: warningId, state: 'resolved' })]);
    const trail = (
      (await suite.staff.get('jiang.audit', `/api/loans/${loanId}/audit`)).body as {
        action: string;
      }[]
    ).map((e: { action: string }) => e.action);
    expect(trail).toEqual(
      expect.arrayContaining(['warning.raise', 'loan.recall', 'warning.resolve']),
    );
  });

  it('supersedes an open warning by a worse one: the milder one’s handling ends', async () => {
    const yellow = await raise('guo.postloan', {
      level: 'yellow',
      description: 'borrower changed jobs without telling the bank',
    });
    expect(yellow.status).toBe(201);
    await suite.staff.waitForTask('li.cm', loanId, 'loanflow:warning-action');
    const orange = await raise('guo.postloan', {
      level: 'orange',
      description: 'new employer is in arrears with social insurance',
    });
    expect(orange.status).toBe(201);
    expect((orange.body as Raised).outcome).toBe('supersede');
    expect(
      await suite.dataSource
        .getRepository(RiskWarningEntity)
        .findOneByOrFail({ id: (yellow.body as Raised).warning.id }),
    ).toMatchObject({ state: 'superseded', supersededBy: (orange.body as Raised).warning.id });
    // The yellow warning's task leaves the customer manager's inbox; the orange one's plan arrives.
    const left = await eventually(
      async () =>
        (
          (await suite.staff.get('li.cm', `/api/tasks?loan=${loanId}&type=loanflow:warning-action`))
            .body as { items: unknown[] }
        ).items,
      (items) => items.length === 0,
    );
    expect(left).toHaveLength(0);
    expect(
      await suite.staff.waitForTask('guo.postloan', loanId, 'loanflow:remediation-plan'),
    ).toBeDefined();
  });
});
