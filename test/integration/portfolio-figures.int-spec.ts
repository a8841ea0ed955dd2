import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource, In, Like } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { beijingDate, Money, ServicedLoanGroup } from '@loanflow/domain';
import { DEMO_PASSWORD, hashPassword, Principal } from '@loanflow/identity';
import {
  buildDataSourceOptions,
  LoanEntity,
  LoanInspectionEntity,
  LoanInstallmentEntity,
  OrgUnitEntity,
  RepaymentEntity,
  UserEntity,
  UserRoleEntity,
} from '@loanflow/persistence';
import { positionOn } from '@loanflow/servicing';
import { BusinessClock } from '@loanflow/workflow';
import { FiguresService } from '../../libs/monitoring/src/figures/figures.service';
import { scopeOfUnitPath } from '../../libs/monitoring/src/figures/figures-scope';
import { ServicedBook } from '../../libs/monitoring/src/figures/serviced-book';
import { httpOf, Staff, startApi } from '../support';
import { anyText, textContaining } from '../support/expected-text';

/**
 * The managers' figures on a small portfolio of its own: a branch and its sub-branch created for
 * this run (so the demo bank's and other specs' loans never enter its counts), a sibling branch
 * whose loans must stay out, loans at every classification with installments unpaid at chosen
 * days past due, a payment received after the day asked, late inspections, notice breaches and
 * open tasks. Every expected figure is worked out by hand below.
 */
describe('GET /api/monitor/figures on a seeded portfolio', () => {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const BR = `BR-FIG-${tag}`;
  const SB = `SB-FIG-${tag}`;
  const OTHER = `BR-FIG2-${tag}`;
  const MANAGER = `fig.mgr.${tag.toLowerCase()}`;
  const ASOF = '2026-06-30';
  const loan = (name: string) => `FIG-${tag}-${name}`;
  const task = (name: string) => `FIG-${tag}-${name}`;
  const HOUR = 3_600_000;

  let dataSource: DataSource;
  let app: INestApplication;
  let staff: Staff;
  let now: Date;

  const fen = (amount: string) => Money.parse(amount).minorUnits.toString();

  async function insertLoan(
    name: string,
    branchCode: string,
    status: string,
    classification = 'normal',
    notice: { dueAt?: string; breachedAt?: string; sentAt?: string } = {},
  ): Promise<void> {
    await dataSource.getRepository(LoanEntity).insert({
      id: loan(name),
      processInstanceKey: null,
      branchCode,
      customerManager: 'li.cm',
      product: 'consumer',
      guaranteeType: 'credit',
      paymentMethod: 'entrusted',
      repaymentMethod: 'equal-principal',
      purpose: 'portfolio figures spec',
      requestedAmountMinor: fen('100000.00'),
      requestedTermMonths: 12,
      status: status as LoanEntity['status'],
      documents: '[]',
      classification,
      noticeDueAt: notice.dueAt ? new Date(notice.dueAt) : null,
      noticeBreachedAt: notice.breachedAt ? new Date(notice.breachedAt) : null,
      noticeSentAt: notice.sentAt ? new Date(notice.sentAt) : null,
    });
  }

  /** Installments as [due date, principal, interest]. */
  async function schedule(name: string, rows: [string, string, string][]): Promise<void> {
    let balance = rows.reduce(
      (sum, [, principal]) => sum.plus(Money.parse(principal)),
      Money.zero(),
    );
    await dataSource.getRepository(LoanInstallmentEntity).insert(
      rows.map(([dueDate, principal, interest], index) => {
        balance = balance.minus(Money.parse(principal));
        return {
          loanId: loan(name),
          number: index + 1,
          dueDate,
          paymentMinor: Money.parse(principal).plus(Money.parse(interest)).minorUnits.toString(),
          principalMinor: fen(principal),
          interestMinor: fen(interest),
          balanceMinor: balance.minorUnits.toString(),
          principalPaidMinor: '0',
          interestPaidMinor: '0',
        };
      }),
    );
  }

  /** A repayment as the repayments service records it: allocation lines, running totals. */
  async function pay(
    name: string,
    paidOn: string,
    lines: [number, 'principal' | 'interest', string][],
  ): Promise<void> {
    const total = lines.reduce((sum, [, , amount]) => sum.plus(Money.parse(amount)), Money.zero());
    await dataSource.getRepository(RepaymentEntity).insert({
      loanId: loan(name),
      idempotencyKey: `fig-${paidOn}`,
      amountMinor: total.minorUnits.toString(),
      paidAt: new Date(`${paidOn}T02:00:00.000Z`), // 10:00 in Beijing
      channel: 'counter',
      allocationJson: JSON.stringify(
        lines.map(([installmentNumber, category, amount]) => ({
          installmentNumber,
          category,
          amount,
          paidOn,
        })),
      ),
      unappliedMinor: '0',
      txnId: `RPY-${loan(name)}-${paidOn}`,
      recordedBy: 'li.cm',
      publishedAt: new Date(),
    });
    for (const [number, category, amount] of lines)
      await dataSource
        .getRepository(LoanInstallmentEntity)
        .increment(
          { loanId: loan(name), number },
          category === 'principal' ? 'principalPaidMinor' : 'interestPaidMinor',
          Number(fen(amount)),
        );
  }

  async function inspection(
    name: string,
    number: number,
    dueOn: string,
    completedOn: string | null,
    escalatedAt: string | null = null,
  ): Promise<void> {
    await dataSource.getRepository(LoanInspectionEntity).insert({
      loanId: loan(name),
      number,
      kind: number === 1 ? 'first' : 'periodic',
      opensOn: dueOn,
      dueOn,
      intervalMonths: null,
      escalatedAt: escalatedAt ? new Date(escalatedAt) : null,
      completedAt: completedOn ? new Date(`${completedOn}T02:00:00.000Z`) : null,
      completedOn,
      inspector: completedOn ? 'guo.postloan' : null,
      reportJson: null,
      plannedAt: new Date(`${dueOn}T00:00:00.000Z`),
    });
  }

  /** A user task row as the inbox keeps it (no inbox candidate rows: nobody's inbox shows it). */
  async function userTask(
    id: string,
    businessKey: string,
    formKey: string,
    groups: string[],
    options: { dueInHours: number | null; ageHours: number; state?: string; assignee?: string },
  ): Promise<void> {
    await dataSource.query(
      `INSERT INTO user_task (id, process_instance_key, bpmn_process_id, process_version, element_id,
         element_instance_key, form_key, business_key, candidate_groups, candidate_users, assignee,
         due_at, state, created_at, version)
       VALUES (?, '0', 'figures-spec', 1, 'task', '0', ?, ?, ?, '[]', ?, ?, ?, ?, 1)`,
      [
        id,
        formKey,
        businessKey,
        JSON.stringify(groups),
        options.assignee ?? null,
        options.dueInHours === null ? null : new Date(now.getTime() + options.dueInHours * HOUR),
        options.state ?? 'open',
        new Date(now.getTime() - options.ageHours * HOUR),
      ],
    );
  }

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    // Org units and the manager first: the API caches the org tree once it has read it.
    await dataSource.getRepository(OrgUnitEntity).insert([
      {
        code: BR,
        name: `Figures branch ${tag}`,
        kind: 'branch',
        parentCode: 'HO',
        path: `/HO/${BR}/`,
      },
      {
        code: SB,
        name: `Figures sub-branch ${tag}`,
        kind: 'sub-branch',
        parentCode: BR,
        path: `/HO/${BR}/${SB}/`,
      },
      {
        code: OTHER,
        name: `Figures sibling ${tag}`,
        kind: 'branch',
        parentCode: 'HO',
        path: `/HO/${OTHER}/`,
      },
    ]);
    const { identifiers } = await dataSource.getRepository(UserEntity).insert({
      username: MANAGER,
      displayName: 'Figures center manager',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      orgUnitCode: BR,
      idNumber: null,
      active: true,
    });
    await dataSource
      .getRepository(UserRoleEntity)
      .insert({ userId: String(identifiers[0].id), role: 'center-manager' });

    app = await startApi();
    staff = new Staff(app);
    now = await app.get(BusinessClock).now();

    // --- Loans being serviced (status disbursed), asOf 2026-06-30 -------------------------------
    // A, SB, normal: #1 paid on its due date; #2 falls due on asOf itself (due, not overdue).
    //   outstanding 5,000.00 + 5,000.00 = 10,000.00; nothing overdue.
    await insertLoan('A', SB, 'disbursed', 'normal');
    await schedule('A', [
      ['2026-05-31', '5000.00', '50.00'],
      ['2026-06-30', '5000.00', '40.00'],
      ['2026-07-31', '5000.00', '30.00'],
    ]);
    await pay('A', '2026-05-31', [
      [1, 'interest', '50.00'],
      [1, 'principal', '5000.00'],
    ]);
    // B, BR, special mention: #1 (due 06-20) paid in full on 07-02, after asOf: on 06-30 it is
    //   still owed, 10 days past due (bucket 1-30). overdue principal 8,000.33;
    //   outstanding 8,000.33 + 8,000.34 = 16,000.67.
    await insertLoan('B', BR, 'disbursed', 'special-mention');
    await schedule('B', [
      ['2026-06-20', '8000.33', '80.00'],
      ['2026-07-20', '8000.34', '40.00'],
    ]);
    await pay('B', '2026-07-02', [
      [1, 'interest', '80.00'],
      [1, 'principal', '8000.33'],
    ]);
    // C, SB, special mention: #1 (due 05-01) partly paid on 05-10 (interest 30.00, principal
    //   1,000.10), #2 (due 06-01) unpaid: 30 + 30 = 60 days past due (bucket 31-90).
    //   overdue principal 1,999.90 + 3,000.00 = 4,999.90; outstanding 4,999.90 + 3,000.00 = 7,999.90.
    await insertLoan('C', SB, 'disbursed', 'special-mention');
    await schedule('C', [
      ['2026-05-01', '3000.00', '30.00'],
      ['2026-06-01', '3000.00', '20.00'],
      ['2026-07-01', '3000.00', '10.00'],
    ]);
    await pay('C', '2026-05-10', [
      [1, 'interest', '30.00'],
      [1, 'principal', '1000.10'],
    ]);
    // D, BR, substandard: #1 (due 03-02) unpaid: 29 + 30 + 31 + 30 = 120 days (bucket 91-180).
    //   overdue principal 20,000.00; outstanding 20,000.00 + 30,000.00 = 50,000.00.
    await insertLoan('D', BR, 'disbursed', 'substandard');
    await schedule('D', [
      ['2026-03-02', '20000.00', '200.00'],
      ['2026-09-02', '30000.00', '300.00'],
    ]);
    // E, SB, doubtful: #1 (due 2025-09-03) interest paid, principal not: 300 days (bucket 181-360).
    //   overdue principal 12,000.00; outstanding 12,000.00 + 12,000.00 = 24,000.00.
    await insertLoan('E', SB, 'disbursed', 'doubtful');
    await schedule('E', [
      ['2025-09-03', '12000.00', '120.00'],
      ['2026-12-03', '12000.00', '60.00'],
    ]);
    await pay('E', '2025-09-03', [[1, 'interest', '120.00']]);
    // F, BR, loss: #1 (due 2025-05-26) unpaid: 365 + 31 + 4 = 400 days (bucket 360+).
    //   overdue principal = outstanding = 7,000.05.
    await insertLoan('F', BR, 'disbursed', 'loss');
    await schedule('F', [['2025-05-26', '7000.05', '70.00']]);
    // G, BR, special mention by an inspection, nothing overdue: outstanding 6,000.00.
    await insertLoan('G', BR, 'disbursed', 'special-mention');
    await schedule('G', [['2026-08-01', '6000.00', '60.00']]);

    // --- Loans elsewhere in their life ------------------------------------------------------------
    // H, BR, in decision (review); its notice was due 06-05 24:00 Beijing and is not sent.
    await insertLoan('H', BR, 'in-decision', 'normal', {
      dueAt: '2026-06-05T16:00:00.000Z',
      breachedAt: '2026-06-05T16:00:00.000Z',
    });
    // I, SB, in decision (investigation).
    await insertLoan('I', SB, 'in-decision');
    // J, SB, submitted; its notice breached on 07-01, after asOf: not counted.
    await insertLoan('J', SB, 'submitted', 'normal', {
      dueAt: '2026-07-01T16:00:00.000Z',
      breachedAt: '2026-07-01T16:00:00.000Z',
    });
    // K, BR, rejected; notice due 06-10, sent two days late.
    await insertLoan('K', BR, 'rejected', 'normal', {
      dueAt: '2026-06-10T16:00:00.000Z',
      breachedAt: '2026-06-10T16:00:00.000Z',
      sentAt: '2026-06-12T02:00:00.000Z',
    });
    // N, BR, approved; notice due 06-25, sent on 07-03: on 06-30 still unsent.
    await insertLoan('N', BR, 'approved', 'normal', {
      dueAt: '2026-06-25T16:00:00.000Z',
      breachedAt: '2026-06-25T16:00:00.000Z',
      sentAt: '2026-07-03T02:00:00.000Z',
    });
    // L, BR, settled: one inspection reported late, one never made after it settled (no breach).
    await insertLoan('L', BR, 'settled');
    // W, BR, written off: an inspection not reported and escalated at its deadline.
    await insertLoan('W', BR, 'written-off', 'loss');
    // M, the sibling branch: overdue, a notice breach, a late inspection and a task, all out of scope.
    await insertLoan('M', OTHER, 'disbursed', 'loss', {
      dueAt: '2026-06-01T16:00:00.000Z',
      breachedAt: '2026-06-01T16:00:00.000Z',
    });
    await schedule('M', [['2025-01-01', '99999.99', '999.99']]);

    // --- Inspections ------------------------------------------------------------------------------
    await inspection('F', 1, '2026-06-20', null); // late, pending: 10 days
    await inspection('D', 1, '2026-06-29', '2026-07-05'); // reported after asOf: pending on 06-30, 1 day
    await inspection('L', 1, '2026-04-10', '2026-04-15'); // reported 5 days late
    await inspection('L', 2, '2026-06-01', null); // loan settled before: no breach
    await inspection('W', 1, '2026-05-01', null, '2026-05-01T16:00:00.000Z'); // escalated: 60 days
    await inspection('C', 1, '2026-06-10', '2026-06-08'); // on time
    await inspection('A', 1, '2026-07-15', null); // not yet due
    await inspection('M', 1, '2026-06-01', null); // out of scope

    // --- Tasks (due and age against the business clock's now) -------------------------------------
    await userTask(task('T1'), loan('H'), 'loanflow:review-opinion', [`reviewer:${BR}`], {
      dueInHours: -24,
      ageHours: 50.5,
    });
    await userTask(
      task('T2'),
      loan('I'),
      'loanflow:investigation-report',
      [`customer-manager:${SB}`],
      {
        dueInHours: 48,
        ageHours: 10.25,
      },
    );
    await userTask(
      task('T3'),
      loan('F'),
      'loanflow:inspection-report',
      [`post-loan-officer:${BR}`],
      {
        dueInHours: -3,
        ageHours: 30.5,
        assignee: 'guo.postloan',
      },
    );
    await userTask(
      task('T4'),
      loan('D'),
      'loanflow:inspection-report',
      [`post-loan-officer:${BR}`],
      {
        dueInHours: null,
        ageHours: 5.5,
      },
    );
    await userTask(task('T5'), loan('D'), 'loanflow:write-off-approval', ['committee-member'], {
      dueInHours: null,
      ageHours: 2.5,
    });
    await userTask(
      task('T6'),
      loan('H'),
      'loanflow:investigation-report',
      [`customer-manager:${BR}`],
      {
        dueInHours: -90,
        ageHours: 100,
        state: 'completed',
      },
    );
    await userTask(
      task('T7'),
      loan('M'),
      'loanflow:collection-contact',
      [`collection-officer:${OTHER}`],
      {
        dueInHours: -5,
        ageHours: 200,
      },
    );
    await userTask(
      task('T8'),
      `fig-${tag}-no-loan`,
      'loanflow:archive-file',
      [`archive-officer:${SB}`],
      {
        dueInHours: -1,
        ageHours: 1.5,
      },
    );
  });

  afterAll(async () => {
    const loans = (
      await dataSource.getRepository(LoanEntity).find({ where: { id: Like(`FIG-${tag}-%`) } })
    ).map((row) => row.id);
    if (loans.length > 0) {
      for (const entity of [LoanInstallmentEntity, RepaymentEntity, LoanInspectionEntity])
        await dataSource.getRepository(entity).delete({ loanId: In(loans) });
      await dataSource.getRepository(LoanEntity).delete({ id: In(loans) });
    }
    await dataSource.query('DELETE FROM user_task WHERE id LIKE ?', [`FIG-${tag}-%`]);
    await dataSource.query('DELETE FROM portfolio_snapshot WHERE org_unit_code IN (?)', [[BR, SB]]);
    const manager = await dataSource.getRepository(UserEntity).findOneBy({ username: MANAGER });
    if (manager) {
      await dataSource.getRepository(UserRoleEntity).delete({ userId: manager.id });
      await dataSource.getRepository(UserEntity).delete({ id: manager.id });
    }
    await dataSource.getRepository(OrgUnitEntity).delete({ code: SB });
    await dataSource.getRepository(OrgUnitEntity).delete({ code: In([BR, OTHER]) });
    await app?.close();
    await dataSource.destroy();
  });

  const hoursBefore = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();

  it('gives the branch manager exactly the figures of the branch and its sub-branch', async () => {
    const response = await staff.get(MANAGER, `/api/monitor/figures?asOf=${ASOF}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      asOf: ASOF,
      at: anyText(),
      orgUnit: { code: BR, name: `Figures branch ${tag}`, path: `/HO/${BR}/` },
      keptAt: null, // no day kept yet: computed now
      // By group, role then unit; T6 is completed, T7 belongs to the sibling branch. T8 has no
      // loan and counts where its group's unit (the sub-branch) is. Ages in whole hours.
      tasks: [
        {
          role: 'archive-officer',
          orgUnit: SB,
          open: 1,
          overdue: 1,
          oldestCreatedAt: hoursBefore(1.5),
          oldestAgeHours: 1,
        },
        {
          role: 'committee-member',
          orgUnit: null,
          open: 1,
          overdue: 0,
          oldestCreatedAt: hoursBefore(2.5),
          oldestAgeHours: 2,
        },
        {
          role: 'customer-manager',
          orgUnit: SB,
          open: 1,
          overdue: 0,
          oldestCreatedAt: hoursBefore(10.25),
          oldestAgeHours: 10,
        },
        // T3 (claimed, 3 hours overdue) and T4 (no due date)
        {
          role: 'post-loan-officer',
          orgUnit: BR,
          open: 2,
          overdue: 1,
          oldestCreatedAt: hoursBefore(30.5),
          oldestAgeHours: 30,
        },
        {
          role: 'reviewer',
          orgUnit: BR,
          open: 1,
          overdue: 1,
          oldestCreatedAt: hoursBefore(50.5),
          oldestAgeHours: 50,
        },
      ],
      // H and N breached and unsent on 06-30 (N was sent on 07-03); K sent late; J breached after.
      notices: {
        count: 3,
        unsent: {
          count: 2,
          loans: [
            {
              loanId: loan('H'),
              branchCode: BR,
              dueAt: '2026-06-05T16:00:00.000Z',
              breachedAt: '2026-06-05T16:00:00.000Z',
              sentAt: null,
            },
            {
              loanId: loan('N'),
              branchCode: BR,
              dueAt: '2026-06-25T16:00:00.000Z',
              breachedAt: '2026-06-25T16:00:00.000Z',
              sentAt: null,
            },
          ],
        },
        sentLate: {
          count: 1,
          loans: [
            {
              loanId: loan('K'),
              branchCode: BR,
              dueAt: '2026-06-10T16:00:00.000Z',
              breachedAt: '2026-06-10T16:00:00.000Z',
              sentAt: '2026-06-12T02:00:00.000Z',
            },
          ],
        },
      },
      // Earliest due first: L#1 reported 04-15 (5 days late), W#1 escalated and never reported
      // (05-01 → 06-30: 30 + 30 = 60), F#1 not reported (06-20 → 06-30: 10), D#1 reported only on
      // 07-05 (06-29 → 06-30: 1). Not late: L#2 (loan settled first), C#1, A#1; M#1 out of scope.
      inspections: {
        count: 4,
        pending: 3,
        completedLate: 1,
        loans: [
          {
            loanId: loan('L'),
            branchCode: BR,
            number: 1,
            dueOn: '2026-04-10',
            completedOn: '2026-04-15',
            daysLate: 5,
          },
          {
            loanId: loan('W'),
            branchCode: BR,
            number: 1,
            dueOn: '2026-05-01',
            completedOn: null,
            daysLate: 60,
          },
          {
            loanId: loan('F'),
            branchCode: BR,
            number: 1,
            dueOn: '2026-06-20',
            completedOn: null,
            daysLate: 10,
          },
          {
            loanId: loan('D'),
            branchCode: BR,
            number: 1,
            dueOn: '2026-06-29',
            completedOn: null,
            daysLate: 1,
          },
        ],
      },
      // D's and F's open tasks are post-loan work: their stage stays their status.
      // 收息率 over the 30 days before asOf (05-31..06-29): due A#1 50.00 (paid on its day), B#1
      // 80.00 (paid 07-02, after the window: not received), C#2 20.00 (unpaid) = 150.00; received
      // 50.00; 50 ÷ 150 = 0.3333. A#2, due on asOf itself, is not yet in the window.
      interestCollection: {
        from: '2026-05-31',
        to: '2026-06-29',
        interestDue: '150.00',
        interestReceived: '50.00',
        rate: '0.3333',
      },
      loansByStage: [
        { status: 'submitted', stage: 'submitted', loans: 1 }, // J
        { status: 'in-decision', stage: 'investigation', loans: 1 }, // I
        { status: 'in-decision', stage: 'review', loans: 1 }, // H
        { status: 'approved', stage: 'approved', loans: 1 }, // N
        { status: 'rejected', stage: 'rejected', loans: 1 }, // K
        { status: 'disbursed', stage: 'disbursed', loans: 7 }, // A B C D E F G
        { status: 'settled', stage: 'settled', loans: 1 }, // L
        { status: 'written-off', stage: 'written-off', loans: 1 }, // W
      ],
      classification: [
        { level: 'normal', name: '正常', loans: 1, balance: '10000.00' }, // A
        // B 16,000.67 + C 7,999.90 + G 6,000.00
        { level: 'special-mention', name: '关注', loans: 3, balance: '30000.57' },
        { level: 'substandard', name: '次级', loans: 1, balance: '50000.00' }, // D
        { level: 'doubtful', name: '可疑', loans: 1, balance: '24000.00' }, // E
        { level: 'loss', name: '损失', loans: 1, balance: '7000.05' }, // F
      ],
      portfolio: {
        loans: 7,
        // 10,000.00 + 30,000.57 + 50,000.00 + 24,000.00 + 7,000.05
        outstandingBalance: '121000.62',
        overdueLoans: 5, // B C D E F
        // 16,000.67 + 7,999.90 + 50,000.00 + 24,000.00 + 7,000.05
        overdueLoanBalance: '105000.62',
        // 8,000.33 + 4,999.90 + 20,000.00 + 12,000.00 + 7,000.05
        overduePrincipal: '52000.28',
        // 105,000.62 / 121,000.62 = 0.867769…
        overdueRate: '0.8678',
        nonPerformingLoans: 3, // D E F
        // 50,000.00 + 24,000.00 + 7,000.05
        nonPerformingBalance: '81000.05',
        // 81,000.05 / 121,000.62 = 0.669418…
        nonPerformingRatio: '0.6694',
      },
      overdueBuckets: [
        { bucket: '1-30', loans: 1, overduePrincipal: '8000.33' }, // B, 10 days
        { bucket: '31-90', loans: 1, overduePrincipal: '4999.90' }, // C, 60 days
        { bucket: '91-180', loans: 1, overduePrincipal: '20000.00' }, // D, 120 days
        { bucket: '181-360', loans: 1, overduePrincipal: '12000.00' }, // E, 300 days
        { bucket: '360+', loans: 1, overduePrincipal: '7000.05' }, // F, 400 days
      ],
    });
  });

  it('keeps the day’s figures and shows them over time as they were, for the reader’s unit', async () => {
    const figuresOf = async (asOf: string) => {
      const { data } = await staff.as(MANAGER, (api) =>
        api.GET('/api/monitor/figures', { params: { query: { asOf } } }),
      );
      if (!data) throw new Error(`${MANAGER} could not read the figures of ${asOf}`);
      return data;
    };
    const trendOf = (from: string, to: string) =>
      staff.as(MANAGER, (api) =>
        api.GET('/api/monitor/figures/trend', { params: { query: { from, to } } }),
      );
    const figures = await figuresOf(ASOF);
    await app.get(FiguresService).record([BR, SB], ASOF, now);
    const trend = await trendOf('2026-06-01', ASOF);
    expect(trend.response.status).toBe(200);
    expect(trend.data).toEqual([
      {
        asOf: ASOF,
        loans: figures.portfolio.loans,
        outstandingBalance: figures.portfolio.outstandingBalance,
        overduePrincipal: figures.portfolio.overduePrincipal,
        overdueRate: figures.portfolio.overdueRate,
        nonPerformingBalance: figures.portfolio.nonPerformingBalance,
        nonPerformingRatio: figures.portfolio.nonPerformingRatio,
      },
    ]);
    // A later reclassification does not rewrite the day that was kept (restored for the specs after).
    const levels = await dataSource.query<{ id: string; classification: string }[]>(
      'SELECT id, classification FROM loan WHERE id LIKE ?',
      [`FIG-${tag}-%`],
    );
    await dataSource.query('UPDATE loan SET classification = ? WHERE id LIKE ?', [
      'loss',
      `FIG-${tag}-%`,
    ]);
    try {
      const after = await trendOf(ASOF, ASOF);
      expect(after.data?.[0]?.nonPerformingRatio).toBe(figures.portfolio.nonPerformingRatio);
      // The day's figures read the kept book too, and say when it was kept; computed now, every
      // loan would be a loss.
      const kept = await figuresOf(ASOF);
      expect(kept.keptAt).toBe(now.toISOString());
      expect(kept.classification).toEqual(figures.classification);
      expect(kept.portfolio).toEqual(figures.portfolio);
      expect(kept.overdueBuckets).toEqual(figures.overdueBuckets);
      expect(kept.interestCollection).toEqual(figures.interestCollection);
      const computed = await app
        .get(FiguresService)
        .read({ username: MANAGER, orgUnitCode: BR }, ASOF, now);
      expect(computed.keptAt).toBeNull();
      expect(computed.portfolio.nonPerformingRatio).toBe('1.0000');
    } finally {
      for (const { id, classification } of levels)
        await dataSource.query('UPDATE loan SET classification = ? WHERE id = ?', [
          classification,
          id,
        ]);
    }
    const bad = await staff.get(MANAGER, '/api/monitor/figures/trend?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect((bad.body as { fieldErrors: { field: string }[] }).fieldErrors).toEqual([
      expect.objectContaining({ field: 'from' }),
    ]);
  });

  it('agrees with loan-position for every loan being serviced', async () => {
    // The figures' SQL reads positions in bulk; servicing reads one loan's ledger at a time.
    const expected: Record<string, [number, string, string]> = {
      A: [0, '0.00', '10000.00'],
      B: [10, '8000.33', '16000.67'],
      C: [60, '4999.90', '7999.90'],
      D: [120, '20000.00', '50000.00'],
      E: [300, '12000.00', '24000.00'],
      F: [400, '7000.05', '7000.05'],
      G: [0, '0.00', '6000.00'],
    };
    for (const [name, figures] of Object.entries(expected)) {
      const position = await positionOn(dataSource.manager, loan(name), ASOF);
      expect([
        position.daysPastDue,
        position.overduePrincipal.toDecimalString(),
        position.outstandingPrincipal.toDecimalString(),
      ]).toEqual(figures);
    }
  });

  it('reads the same book whichever way a past day is read: replayed in full, or kept and replayed since', async () => {
    const book = app.get(ServicedBook);
    const view = (groups: ServicedLoanGroup[]) =>
      groups
        .map((g) =>
          [
            g.classification,
            g.firstOverdueDueDate,
            g.loans,
            g.outstandingPrincipal.toDecimalString(),
            g.overduePrincipal.toDecimalString(),
          ].join(' '),
        )
        .sort();
    // The branch (B paid after asOf, the others not), head office (every spec's loans), and today.
    for (const [scope, asOf] of [
      [scopeOfUnitPath(`/HO/${BR}/`), ASOF],
      [scopeOfUnitPath(null), ASOF],
      [scopeOfUnitPath(null), beijingDate(now)],
    ] as const) {
      const replayed = view(await book.groups(scope, asOf, 'replay-all'));
      expect(view(await book.groups(scope, asOf, 'kept-and-paid-since'))).toEqual(replayed);
      expect(view(await book.groups(scope, asOf))).toEqual(replayed);
    }
  });

  it('scopes a sub-branch to its own loans, every level and bucket still present', async () => {
    const subBranch = { username: 'fig.sb', orgUnitCode: SB } as Principal;
    const figures = await app.get(FiguresService).read(subBranch, ASOF, now);

    expect(figures.orgUnit.path).toBe(`/HO/${BR}/${SB}/`);
    expect(figures.classification.map((line) => [line.level, line.loans, line.balance])).toEqual([
      ['normal', 1, '10000.00'], // A
      ['special-mention', 1, '7999.90'], // C
      ['substandard', 0, '0.00'],
      ['doubtful', 1, '24000.00'], // E
      ['loss', 0, '0.00'],
    ]);
    expect(figures.portfolio).toEqual({
      loans: 3,
      outstandingBalance: '41999.90', // 10,000.00 + 7,999.90 + 24,000.00
      overdueLoans: 2, // C E
      overdueLoanBalance: '31999.90', // 7,999.90 + 24,000.00
      overduePrincipal: '16999.90', // 4,999.90 + 12,000.00
      overdueRate: '0.7619', // 31,999.90 / 41,999.90 = 0.761904…
      nonPerformingLoans: 1, // E
      nonPerformingBalance: '24000.00',
      nonPerformingRatio: '0.5714', // 24,000.00 / 41,999.90 = 0.571430…
    });
    expect(
      figures.overdueBuckets.map((line) => [line.bucket, line.loans, line.overduePrincipal]),
    ).toEqual([
      ['1-30', 0, '0.00'],
      ['31-90', 1, '4999.90'],
      ['91-180', 0, '0.00'],
      ['181-360', 1, '12000.00'],
      ['360+', 0, '0.00'],
    ]);
    expect(figures.tasks.map((line) => [line.role, line.orgUnit, line.open])).toEqual([
      ['archive-officer', SB, 1],
      ['customer-manager', SB, 1],
    ]);
    expect(figures.notices.count).toBe(0); // J's breach came after asOf
    expect(figures.inspections.count).toBe(0);
    expect(figures.loansByStage).toEqual([
      { status: 'submitted', stage: 'submitted', loans: 1 },
      { status: 'in-decision', stage: 'investigation', loans: 1 },
      { status: 'disbursed', stage: 'disbursed', loans: 3 },
    ]);
  });

  it('lets head office see the sibling branch too', async () => {
    const headOffice = { username: 'fig.ho', orgUnitCode: 'HO' } as Principal;
    const mine = await app.get(FiguresService).read({ orgUnitCode: BR } as Principal, ASOF, now);
    const all = await app.get(FiguresService).read(headOffice, ASOF, now);

    expect(all.orgUnit.path).toBe('/HO/');
    // M (loss, 99,999.99 overdue for 545 days) is the sibling branch's: head office counts it.
    const loss = (figures: typeof all) => figures.classification.find((l) => l.level === 'loss')!;
    expect(loss(all).loans).toBeGreaterThanOrEqual(loss(mine).loans + 1);
    expect(
      all.tasks.some((line) => line.role === 'collection-officer' && line.orgUnit === OTHER),
    ).toBe(true);
  });

  it('reads today in Beijing on the business clock when asOf is left out', async () => {
    const response = await staff.get(MANAGER, '/api/monitor/figures');

    expect(response.status).toBe(200);
    expect((response.body as { asOf: string }).asOf).toBe(
      beijingDate(await app.get(BusinessClock).now()),
    );
  });

  it('refuses a date that does not exist with 400 naming asOf', async () => {
    const response = await staff.get(MANAGER, '/api/monitor/figures?asOf=2026-02-30');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ field: 'asOf', reasons: [textContaining('YYYY-MM-DD')] }],
    });
  });

  it('refuses a customer manager (403) and a caller without a token (401)', async () => {
    const forbidden = await staff.get('li.cm', `/api/monitor/figures?asOf=${ASOF}`);
    expect(forbidden.status).toBe(403);
    expect((forbidden.body as { code: string }).code).toBe('ROLE_REQUIRED');

    const anonymous = await request(httpOf(app)).get('/api/monitor/figures');
    expect(anonymous.status).toBe(401);
  });
});
